/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The images of `rmmsim run`: `--load FILE[@ADDR]` (repeatable), the
 * positional PAYLOAD and the built-in payloads. Every image is read and its
 * address ranges found before anything runs, so a bad layout (overlapping
 * images, a load address not granule aligned, an entry point outside the
 * images, an image over the DTB window) is refused with one message that
 * names the file(s), exit code 3 (docs/emulation.md).
 */
#ifndef SIM_CLI_LOAD_H
#define SIM_CLI_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rmmsim_types.h"

#define CLI_MAX_IMAGES 16U
#define CLI_MAX_SEGS 32U
/* Flat images go at a granule boundary (GPT granule, stage-1 page). */
#define CLI_LOAD_ALIGN 4096U

struct cpu;

struct cli_range {
	pa_t lo, hi; /* [lo, hi) */
};

struct cli_image {
	char *name;           /* the file, or builtin:NAME */
	pa_t addr;            /* flat binary at @addr; 0 = an ELF */
	bool has_addr;
	const uint8_t *data;  /* the image's bytes, once read */
	size_t len;
	void *buf;            /* @data when it was read here (freed), else NULL */
	struct cli_range seg[CLI_MAX_SEGS];
	unsigned nseg;
	pa_t entry;           /* ELF: e_entry */
};

struct cli_images {
	struct cli_image img[CLI_MAX_IMAGES];
	unsigned n;
};

/* "FILE" (an ELF) or "FILE@ADDR" (its bytes at ADDR): 0, or exit code 2 with a message. */
int cli_images_add(struct cli_images *im, const char *spec);
/* @path as an ELF, or (@has_addr) its bytes at @addr: 0, or exit code 2. */
int cli_images_add_file(struct cli_images *im, const char *path, bool has_addr, pa_t addr);
/* A built-in ELF image (not copied). 0, or exit code 2. */
int cli_images_add_mem(struct cli_images *im, const char *name, const void *data, size_t len);

/*
 * Reads every file and checks the layout against @lay. The entry is @entry_opt when @have_entry,
 * else the first ELF's, else the first flat image's address; it is
 * returned in @entry. 0, or exit code 3 with one message in @err.
 */
struct cli_layout {
	struct cli_range dram[8]; /* the platform's DRAM banks: every image lies in one */
	unsigned num_dram;
	struct cli_range dtb;     /* the DTB window: no image may overlap it */
	bool has_dtb;
};
int cli_images_prepare(struct cli_images *im, const struct cli_layout *lay, bool have_entry,
		       pa_t entry_opt, pa_t *entry, char *err, size_t err_len);
/* Copies the prepared images into the CPU's memory and sets @entry. 0, or 3 with @err. */
int cli_images_load(const struct cli_images *im, struct cpu *cpu, pa_t entry, char *err,
		    size_t err_len);
void cli_images_free(struct cli_images *im);

/* Parses an unsigned number (decimal, 0x hex, 0 octal) that is all of @s. */
bool cli_parse_u64(const char *s, uint64_t *v);

#endif /* SIM_CLI_LOAD_H */
