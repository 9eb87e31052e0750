/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm images: an ELF64 little-endian AArch64 executable (its PT_LOAD
 * segments at p_paddr, BSS = memsz beyond filesz) or a flat binary loaded
 * at a given IPA with its entry at the first byte. Every field the file
 * supplies is bounds-checked: a bad image is an error, never a crash.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "realm_host.h"

static bool elf_segments(const uint8_t *b, size_t len, struct rh_image *img, char *err,
			 size_t err_len)
{
	Elf64_Ehdr eh;
	unsigned i;

	if (len < sizeof(eh)) {
		snprintf(err, err_len, "ELF header truncated");
		return false;
	}
	memcpy(&eh, b, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_machine != EM_AARCH64 || eh.e_type != ET_EXEC) {
		snprintf(err, err_len, "not an ELF64 LE AArch64 executable");
		return false;
	}
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > len ||
	    (size_t)eh.e_phnum * sizeof(Elf64_Phdr) > len - eh.e_phoff) {
		snprintf(err, err_len, "ELF program headers out of the file");
		return false;
	}
	img->num_seg = 0;
	for (i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		struct rh_segment *s;

		memcpy(&ph, b + eh.e_phoff + (size_t)i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_offset > len || ph.p_filesz > len - ph.p_offset ||
		    ph.p_filesz > ph.p_memsz || ph.p_paddr + ph.p_memsz < ph.p_paddr) {
			snprintf(err, err_len, "PT_LOAD %u out of the file", i);
			return false;
		}
		if (img->num_seg == sizeof(img->seg) / sizeof(img->seg[0])) {
			snprintf(err, err_len, "more than 8 PT_LOAD segments");
			return false;
		}
		s = &img->seg[img->num_seg++];
		s->ipa = ph.p_paddr;
		s->bytes = b + ph.p_offset;
		s->filesz = ph.p_filesz;
		s->memsz = ph.p_memsz;
	}
	if (img->num_seg == 0) {
		snprintf(err, err_len, "no PT_LOAD segment");
		return false;
	}
	img->entry = eh.e_entry;
	return true;
}

bool rh_image_parse(const void *buf, size_t len, ipa_t flat_ipa, struct rh_image *img,
		    char *err, size_t err_len)
{
	const uint8_t *b = buf;

	memset(img, 0, sizeof(*img));
	if (len >= SELFMAG && memcmp(b, ELFMAG, SELFMAG) == 0)
		return elf_segments(b, len, img, err, err_len);
	if (len == 0) {
		snprintf(err, err_len, "empty image");
		return false;
	}
	img->seg[0] = (struct rh_segment){ .ipa = flat_ipa, .bytes = b, .filesz = len,
					   .memsz = len };
	img->num_seg = 1;
	img->entry = flat_ipa;
	return true;
}

void *rh_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	buf = malloc((size_t)size);
	if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		*len = (size_t)size;
out:
	fclose(f);
	return buf;
}
