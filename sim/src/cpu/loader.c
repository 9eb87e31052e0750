/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Payload loader: an ELF64 little-endian AArch64 executable (EM_AARCH64,
 * ET_EXEC; PT_LOAD segments copied to their physical address p_paddr, BSS
 * zeroed) or a flat binary at --load-addr. Every byte must land in DRAM;
 * anything else is refused with one message (exit code 3).
 */
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_private.h"

#define PAYLOAD_MAX (1ULL << 30)

static void note_range(struct cpu *cpu, pa_t lo, pa_t hi)
{
	if (cpu->load_hi == 0 || lo < cpu->load_lo)
		cpu->load_lo = lo;
	if (hi > cpu->load_hi)
		cpu->load_hi = hi;
}

static int load_flat(struct cpu *cpu, const uint8_t *img, size_t len, pa_t at, char *err,
		     size_t err_len)
{
	void *dst = cpu_ram_ptr(cpu, at, len ? len : 1);

	if (!dst) {
		snprintf(err, err_len,
			 "payload: flat binary of %zu bytes at 0x%" PRIx64 " is outside DRAM", len,
			 at);
		return -1;
	}
	memcpy(dst, img, len);
	note_range(cpu, at, at + len);
	cpu->entry = at;
	cpu->have_entry = true;
	return 0;
}

static int load_elf(struct cpu *cpu, const uint8_t *img, size_t len, char *err, size_t err_len)
{
	Elf64_Ehdr eh;

	if (len < EI_NIDENT || memcmp(img, ELFMAG, SELFMAG) != 0) {
		snprintf(err, err_len, "payload: not an ELF file (use --load-addr for a flat binary)");
		return -1;
	}
	if (img[EI_CLASS] != ELFCLASS64 || img[EI_DATA] != ELFDATA2LSB || len < sizeof(eh)) {
		snprintf(err, err_len, "payload: not a 64-bit little-endian ELF");
		return -1;
	}
	memcpy(&eh, img, sizeof(eh));
	if (eh.e_machine != EM_AARCH64) {
		snprintf(err, err_len, "payload: ELF machine %u is not AArch64 (EM_AARCH64 = %u)",
			 (unsigned)eh.e_machine, (unsigned)EM_AARCH64);
		return -1;
	}
	if (eh.e_type != ET_EXEC) {
		snprintf(err, err_len, "payload: ELF type %u is not an executable (ET_EXEC)",
			 (unsigned)eh.e_type);
		return -1;
	}
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > len ||
	    (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > len - eh.e_phoff) {
		snprintf(err, err_len, "payload: truncated ELF program headers");
		return -1;
	}
	/* Validate every segment before copying any. */
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned i = 0; i < eh.e_phnum; i++) {
			Elf64_Phdr ph;
			uint8_t *dst;

			memcpy(&ph, img + eh.e_phoff + (size_t)i * sizeof(ph), sizeof(ph));
			if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
				continue;
			if (ph.p_filesz > ph.p_memsz || ph.p_offset > len ||
			    ph.p_filesz > len - ph.p_offset) {
				snprintf(err, err_len, "payload: ELF segment %u is truncated", i);
				return -1;
			}
			dst = cpu_ram_ptr(cpu, ph.p_paddr, ph.p_memsz);
			if (!dst) {
				snprintf(err, err_len,
					 "payload: ELF segment %u [0x%" PRIx64 ", 0x%" PRIx64
					 ") is outside DRAM",
					 i, (uint64_t)ph.p_paddr, (uint64_t)(ph.p_paddr + ph.p_memsz));
				return -1;
			}
			if (pass == 0)
				continue;
			memcpy(dst, img + ph.p_offset, ph.p_filesz);
			memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
			note_range(cpu, ph.p_paddr, ph.p_paddr + ph.p_memsz);
		}
	}
	if (cpu->load_hi == 0) {
		snprintf(err, err_len, "payload: ELF has no loadable segment");
		return -1;
	}
	cpu->entry = eh.e_entry;
	cpu->have_entry = true;
	return 0;
}

int cpu_load_image(struct cpu *cpu, const void *image, size_t len, pa_t flat_addr,
		   char *err, size_t err_len)
{
	if (flat_addr)
		return load_flat(cpu, image, len, flat_addr, err, err_len);
	return load_elf(cpu, image, len, err, err_len);
}

int cpu_load_file(struct cpu *cpu, const char *path, pa_t flat_addr, char *err, size_t err_len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size;
	int rc = -1;

	if (!f) {
		snprintf(err, err_len, "payload: cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (uint64_t)size > PAYLOAD_MAX) {
		snprintf(err, err_len, "payload: cannot read %s (or larger than 1 GiB)", path);
		goto out;
	}
	buf = malloc(size ? (size_t)size : 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		snprintf(err, err_len, "payload: cannot read %s", path);
		goto out;
	}
	rc = cpu_load_image(cpu, buf, (size_t)size, flat_addr, err, err_len);
	if (rc != 0) {
		/* Name the file in the one message. */
		char tmp[512];

		snprintf(tmp, sizeof(tmp), "%s: %s", path, err);
		snprintf(err, err_len, "%s", tmp);
	}
out:
	free(buf);
	fclose(f);
	return rc;
}

int cpu_set_entry(struct cpu *cpu, pa_t entry, char *err, size_t err_len)
{
	if (!cpu->have_entry) {
		snprintf(err, err_len, "payload: nothing loaded");
		return -1;
	}
	cpu->entry = entry;
	return 0;
}
