/** The usage text; exit codes are part of it because scripts depend on them. */
export const HELP = `tifcheck: verify the x86-64 TIF flag masks and the kernel's entry/exit work loops

usage:
  tifcheck list                                   built-in kernels, one per line
  tifcheck masks (--kernel ID | --header FILE) [--json]
                                                  every mask: hex value, named flags, unnamed bits
  tifcheck help                                   this text

A header is read as the x86-64 build sees it: CONFIG_X86_64 defined, CONFIG_X86_32 not,
__ASSEMBLY__ either way. Flag names are accepted with or without the _TIF_ / TIF_ prefix.

exit status:
  0  every checked property holds (or nothing was checked)
  1  at least one checked property is violated
  2  bad input or usage: one line names the file:line:col or the argument
`;
