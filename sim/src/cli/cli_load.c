/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Images of `rmmsim run` (cli_load.h). Only what the layout checks need is
 * read from an ELF here (PT_LOAD ranges, e_entry); the loader of the CPU
 * (sim/src/cpu/loader.c) validates each image again when it copies it.
 */
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_exit.h"
#include "cli_load.h"
#include "cpu.h"

#define IMAGE_MAX (1ULL << 30)

bool cli_parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno == 0 && *s && *end == '\0' && s[0] != '-';
}

int cli_images_add_file(struct cli_images *im, const char *path, bool has_addr, pa_t addr)
{
	char *name;

	if (im->n == CLI_MAX_IMAGES) {
		fprintf(stderr, "rmmsim run: more than %u images\n", CLI_MAX_IMAGES);
		return RMMSIM_EXIT_USAGE;
	}
	name = strdup(path);
	if (name == NULL)
		return RMMSIM_EXIT_INTERNAL;
	im->img[im->n++] = (struct cli_image){ .name = name, .addr = addr, .has_addr = has_addr };
	return 0;
}

int cli_images_add(struct cli_images *im, const char *spec)
{
	const char *at = strrchr(spec, '@');
	uint64_t addr = 0;
	char path[1024];

	if (at == NULL)
		return cli_images_add_file(im, spec, false, 0);
	if (!cli_parse_u64(at + 1, &addr)) {
		fprintf(stderr, "rmmsim run: bad load address in --load '%s' (FILE@ADDR)\n", spec);
		return RMMSIM_EXIT_USAGE;
	}
	if (at == spec || (size_t)(at - spec) >= sizeof(path)) {
		fprintf(stderr, "rmmsim run: no file (or too long a name) in --load '%s'\n", spec);
		return RMMSIM_EXIT_USAGE;
	}
	memcpy(path, spec, (size_t)(at - spec));
	path[at - spec] = '\0';
	return cli_images_add_file(im, path, true, addr);
}

int cli_images_add_mem(struct cli_images *im, const char *name, const void *data, size_t len)
{
	if (im->n == CLI_MAX_IMAGES) {
		fprintf(stderr, "rmmsim run: more than %u images\n", CLI_MAX_IMAGES);
		return RMMSIM_EXIT_USAGE;
	}
	im->img[im->n++] = (struct cli_image){ .name = strdup(name), .data = data, .len = len };
	return im->img[im->n - 1].name ? 0 : RMMSIM_EXIT_INTERNAL;
}

static int read_file(struct cli_image *i, char *err, size_t err_len)
{
	FILE *f = fopen(i->name, "rb");
	uint8_t *buf = NULL;
	long size = -1;

	if (f == NULL) {
		snprintf(err, err_len, "%s: cannot open: %s", i->name, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) == 0)
		size = ftell(f);
	if (size < 0 || (uint64_t)size > IMAGE_MAX || fseek(f, 0, SEEK_SET) != 0) {
		snprintf(err, err_len, "%s: cannot read (or larger than 1 GiB)", i->name);
		fclose(f);
		return -1;
	}
	buf = malloc(size ? (size_t)size : 1U);
	if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		snprintf(err, err_len, "%s: cannot read", i->name);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	i->data = buf;
	i->buf = buf;
	i->len = (size_t)size;
	return 0;
}

/* The PT_LOAD ranges and entry of an ELF64 AArch64 executable. */
static int elf_ranges(struct cli_image *i, char *err, size_t err_len)
{
	Elf64_Ehdr eh;

	if (i->len < sizeof(eh) || memcmp(i->data, ELFMAG, SELFMAG) != 0) {
		snprintf(err, err_len, "%s: not an ELF file (load a flat binary with --load %s@ADDR)",
			 i->name, i->name);
		return -1;
	}
	memcpy(&eh, i->data, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB) {
		snprintf(err, err_len, "%s: not a 64-bit little-endian ELF", i->name);
		return -1;
	}
	if (eh.e_machine != EM_AARCH64) {
		snprintf(err, err_len, "%s: ELF machine %u is not AArch64 (EM_AARCH64 = %u)",
			 i->name, (unsigned)eh.e_machine, (unsigned)EM_AARCH64);
		return -1;
	}
	if (eh.e_type != ET_EXEC) {
		snprintf(err, err_len, "%s: ELF type %u is not an executable (ET_EXEC)", i->name,
			 (unsigned)eh.e_type);
		return -1;
	}
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > i->len ||
	    (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > i->len - eh.e_phoff) {
		snprintf(err, err_len, "%s: truncated ELF program headers", i->name);
		return -1;
	}
	for (unsigned k = 0; k < eh.e_phnum; k++) {
		Elf64_Phdr ph;

		memcpy(&ph, i->data + eh.e_phoff + (size_t)k * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (i->nseg == CLI_MAX_SEGS || ph.p_paddr + ph.p_memsz < ph.p_paddr) {
			snprintf(err, err_len, "%s: too many or wrapping PT_LOAD segments", i->name);
			return -1;
		}
		i->seg[i->nseg++] = (struct cli_range){ ph.p_paddr, ph.p_paddr + ph.p_memsz };
	}
	if (i->nseg == 0) {
		snprintf(err, err_len, "%s: ELF has no loadable segment", i->name);
		return -1;
	}
	i->entry = eh.e_entry;
	return 0;
}

static bool overlap(const struct cli_range *a, const struct cli_range *b)
{
	return a->lo < b->hi && b->lo < a->hi;
}

static bool inside(const struct cli_images *im, pa_t pa)
{
	for (unsigned k = 0; k < im->n; k++)
		for (unsigned s = 0; s < im->img[k].nseg; s++)
			if (pa >= im->img[k].seg[s].lo && pa < im->img[k].seg[s].hi)
				return true;
	return false;
}

/* Two images sharing bytes: refused, naming both (the later one would silently win). */
static bool in_dram(const struct cli_layout *lay, const struct cli_range *r)
{
	for (unsigned b = 0; b < lay->num_dram; b++)
		if (r->lo >= lay->dram[b].lo && r->hi <= lay->dram[b].hi)
			return true;
	return false;
}

static int check_overlaps(const struct cli_images *im, const struct cli_layout *lay, char *err,
			  size_t err_len)
{
	const struct cli_range *dtb = lay->has_dtb ? &lay->dtb : NULL;

	for (unsigned a = 0; a < im->n; a++) {
		const struct cli_image *x = &im->img[a];

		for (unsigned s = 0; s < x->nseg; s++) {
			const struct cli_range *r = &x->seg[s];

			if (!in_dram(lay, r)) {
				snprintf(err, err_len,
					 "%s: %s [0x%" PRIx64 ", 0x%" PRIx64 ") is outside DRAM",
					 x->name, x->has_addr ? "flat image" : "ELF segment", r->lo,
					 r->hi);
				return -1;
			}
			if (dtb != NULL && overlap(r, dtb)) {
				snprintf(err, err_len,
					 "%s: [0x%" PRIx64 ", 0x%" PRIx64 ") overlaps the DTB window "
					 "[0x%" PRIx64 ", 0x%" PRIx64 ") at the top of DRAM bank 0",
					 x->name, r->lo, r->hi, dtb->lo, dtb->hi);
				return -1;
			}
			for (unsigned b = a + 1; b < im->n; b++) {
				const struct cli_image *y = &im->img[b];

				for (unsigned t = 0; t < y->nseg; t++) {
					if (!overlap(r, &y->seg[t]))
						continue;
					snprintf(err, err_len,
						 "images overlap: %s [0x%" PRIx64 ", 0x%" PRIx64
						 ") and %s [0x%" PRIx64 ", 0x%" PRIx64 ")",
						 x->name, r->lo, r->hi, y->name, y->seg[t].lo,
						 y->seg[t].hi);
					return -1;
				}
			}
		}
	}
	return 0;
}

int cli_images_prepare(struct cli_images *im, const struct cli_layout *lay, bool have_entry,
		       pa_t entry_opt, pa_t *entry, char *err, size_t err_len)
{
	const struct cli_image *first_elf = NULL;
	const char *from = "--entry";

	if (im->n == 0) {
		snprintf(err, err_len, "no payload: give PAYLOAD or --load FILE[@ADDR]");
		return RMMSIM_EXIT_USAGE;
	}
	for (unsigned k = 0; k < im->n; k++) {
		struct cli_image *i = &im->img[k];

		if (i->data == NULL && read_file(i, err, err_len) != 0)
			return RMMSIM_EXIT_BAD_INPUT;
		if (!i->has_addr) {
			if (elf_ranges(i, err, err_len) != 0)
				return RMMSIM_EXIT_BAD_INPUT;
			if (first_elf == NULL)
				first_elf = i;
			continue;
		}
		if (i->addr == 0 || i->addr % CLI_LOAD_ALIGN != 0) {
			snprintf(err, err_len, "%s: load address 0x%" PRIx64 " is not a non-zero "
				 "multiple of 0x%x", i->name, i->addr, CLI_LOAD_ALIGN);
			return RMMSIM_EXIT_BAD_INPUT;
		}
		if (i->addr + (i->len ? i->len : 1U) < i->addr) {
			snprintf(err, err_len, "%s: wraps the address space", i->name);
			return RMMSIM_EXIT_BAD_INPUT;
		}
		i->seg[0] = (struct cli_range){ i->addr, i->addr + (i->len ? i->len : 1U) };
		i->nseg = 1;
	}
	if (check_overlaps(im, lay, err, err_len) != 0)
		return RMMSIM_EXIT_BAD_INPUT;
	if (have_entry) {
		*entry = entry_opt;
	} else if (first_elf != NULL) {
		*entry = first_elf->entry;
		from = first_elf->name;
	} else {
		*entry = im->img[0].addr;
		from = im->img[0].name;
	}
	if (*entry % 4U != 0 || !inside(im, *entry)) {
		snprintf(err, err_len, "entry point 0x%" PRIx64 " (%s) is %s", *entry, from,
			 *entry % 4U != 0 ? "not 4-byte aligned" : "outside every loaded image");
		return RMMSIM_EXIT_BAD_INPUT;
	}
	return 0;
}

int cli_images_load(const struct cli_images *im, struct cpu *cpu, pa_t entry, char *err,
		    size_t err_len)
{
	char msg[512];

	for (unsigned k = 0; k < im->n; k++) {
		const struct cli_image *i = &im->img[k];

		if (cpu_load_image(cpu, i->data, i->len, i->has_addr ? i->addr : 0, msg,
				   sizeof(msg)) != 0) {
			snprintf(err, err_len, "%s: %s", i->name, msg);
			return RMMSIM_EXIT_BAD_INPUT;
		}
	}
	if (cpu_set_entry(cpu, entry, msg, sizeof(msg)) != 0) {
		snprintf(err, err_len, "%s", msg);
		return RMMSIM_EXIT_BAD_INPUT;
	}
	return 0;
}

void cli_images_free(struct cli_images *im)
{
	for (unsigned k = 0; k < im->n; k++) {
		free(im->img[k].buf);
		free(im->img[k].name);
	}
	im->n = 0;
}
