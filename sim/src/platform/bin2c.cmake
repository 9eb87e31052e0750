# SPDX-License-Identifier: BSD-3-Clause
# cmake -DIN=file.dtb -DOUT=file.c -DSYM=name -P bin2c.cmake
# Writes a C file defining `const unsigned char SYM[]` and `const size_t SYM_len`.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n\t" bytes "${bytes}")
file(WRITE ${OUT} "/* SPDX-License-Identifier: BSD-3-Clause */\n/* Generated from ${IN} by bin2c.cmake. Do not edit. */\n#include <stddef.h>\n\nextern const unsigned char ${SYM}[];\nextern const size_t ${SYM}_len;\n\nconst unsigned char ${SYM}[] = {\n\t${bytes}\n};\nconst size_t ${SYM}_len = ${len};\n")
