/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The image layout checks of `rmmsim run` (sim/src/cli/cli_load.c) and the
 * output streams (cli_out.c): what is refused, with which message, and
 * which entry point is chosen.
 */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli_exit.h"
#include "cli_load.h"
#include "cli_out.h"

#define DRAM_BASE 0x80000000ULL
#define DRAM_SIZE 0x80000000ULL

struct elf_img {
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
};

static struct elf_img elf_a, elf_b;
static char err[512];

static void make_elf(struct elf_img *e, uint64_t paddr, uint64_t memsz, uint64_t entry)
{
	memset(e, 0, sizeof(*e));
	memcpy(e->eh.e_ident, ELFMAG, SELFMAG);
	e->eh.e_ident[EI_CLASS] = ELFCLASS64;
	e->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	e->eh.e_machine = EM_AARCH64;
	e->eh.e_type = ET_EXEC;
	e->eh.e_entry = entry;
	e->eh.e_phoff = offsetof(struct elf_img, ph);
	e->eh.e_phentsize = sizeof(Elf64_Phdr);
	e->eh.e_phnum = 1;
	e->ph.p_type = PT_LOAD;
	e->ph.p_paddr = paddr;
	e->ph.p_memsz = memsz;
}

static const struct cli_layout lay = {
	.dram = { { DRAM_BASE, DRAM_BASE + DRAM_SIZE } },
	.num_dram = 1,
	.dtb = { DRAM_BASE + DRAM_SIZE - 0x200000, DRAM_BASE + DRAM_SIZE },
	.has_dtb = true,
};

/* A flat image from a temporary file of @len bytes. */
static char *temp_file(size_t len)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "%s", "/tmp/rmmsim_cli_load_XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	for (size_t i = 0; i < len; i++)
		assert_int_equal(write(fd, "x", 1), 1);
	close(fd);
	return path;
}

static int prepare(struct cli_images *im, bool have_entry, pa_t e, pa_t *entry)
{
	return cli_images_prepare(im, &lay, have_entry, e, entry, err, sizeof(err));
}

static void prepare__refuses_overlapping_images_naming_both(void **state)
{
	struct cli_images im = { 0 };
	pa_t entry;

	make_elf(&elf_a, 0x80000000, 0x3000, 0x80000000);
	make_elf(&elf_b, 0x80002000, 0x1000, 0x80002000);
	assert_int_equal(cli_images_add_mem(&im, "host.elf", &elf_a, sizeof(elf_a)), 0);
	assert_int_equal(cli_images_add_mem(&im, "other.elf", &elf_b, sizeof(elf_b)), 0);
	assert_int_equal(prepare(&im, false, 0, &entry), RMMSIM_EXIT_BAD_INPUT);
	assert_non_null(strstr(err, "host.elf"));
	assert_non_null(strstr(err, "other.elf"));
	assert_non_null(strstr(err, "overlap"));
	cli_images_free(&im);
}

static void prepare__entry_is_the_first_elfs_unless_given(void **state)
{
	struct cli_images im = { 0 };
	char *flat = temp_file(16);
	char spec[128];
	pa_t entry = 0;

	make_elf(&elf_a, 0x80000000, 0x1000, 0x80000040);
	make_elf(&elf_b, 0x80100000, 0x1000, 0x80100000);
	snprintf(spec, sizeof(spec), "%s@0x88000000", flat);
	assert_int_equal(cli_images_add(&im, spec), 0);
	assert_int_equal(cli_images_add_mem(&im, "a.elf", &elf_a, sizeof(elf_a)), 0);
	assert_int_equal(cli_images_add_mem(&im, "b.elf", &elf_b, sizeof(elf_b)), 0);
	assert_int_equal(prepare(&im, false, 0, &entry), 0);
	assert_int_equal(entry, 0x80000040);
	assert_int_equal(prepare(&im, true, 0x88000000, &entry), 0);
	assert_int_equal(entry, 0x88000000);
	cli_images_free(&im);
	unlink(flat);
}

static void prepare__entry_of_flat_images_only_is_the_first_address(void **state)
{
	struct cli_images im = { 0 };
	char *flat = temp_file(8);
	char spec[128];
	pa_t entry = 0;

	snprintf(spec, sizeof(spec), "%s@0x88001000", flat);
	assert_int_equal(cli_images_add(&im, spec), 0);
	assert_int_equal(prepare(&im, false, 0, &entry), 0);
	assert_int_equal(entry, 0x88001000);
	cli_images_free(&im);
	unlink(flat);
}

static void prepare__refuses_an_entry_outside_or_unaligned(void **state)
{
	struct cli_images im = { 0 };
	pa_t entry;

	make_elf(&elf_a, 0x80000000, 0x1000, 0x80001000); /* just past its segment */
	assert_int_equal(cli_images_add_mem(&im, "a.elf", &elf_a, sizeof(elf_a)), 0);
	assert_int_equal(prepare(&im, false, 0, &entry), RMMSIM_EXIT_BAD_INPUT);
	assert_non_null(strstr(err, "outside every loaded image"));
	assert_non_null(strstr(err, "a.elf"));
	assert_int_equal(prepare(&im, true, 0x80000002, &entry), RMMSIM_EXIT_BAD_INPUT);
	assert_non_null(strstr(err, "not 4-byte aligned"));
	assert_int_equal(prepare(&im, true, 0x80000ffc, &entry), 0);
	cli_images_free(&im);
}

static void prepare__refuses_a_flat_address_not_granule_aligned(void **state)
{
	struct cli_images im = { 0 };
	char *flat = temp_file(8);
	char spec[128];
	pa_t entry;

	snprintf(spec, sizeof(spec), "%s@0x88000800", flat);
	assert_int_equal(cli_images_add(&im, spec), 0);
	assert_int_equal(prepare(&im, false, 0, &entry), RMMSIM_EXIT_BAD_INPUT);
	assert_non_null(strstr(err, flat));
	assert_non_null(strstr(err, "0x88000800"));
	cli_images_free(&im);
	unlink(flat);
}

static void prepare__refuses_images_outside_dram_or_over_the_dtb(void **state)
{
	struct cli_images im = { 0 };
	pa_t entry;

	make_elf(&elf_a, 0x7ffff000, 0x2000, 0x80000000); /* straddles the DRAM base */
	assert_int_equal(cli_images_add_mem(&im, "low.elf", &elf_a, sizeof(elf_a)), 0);
	assert_int_equal(prepare(&im, false, 0, &entry), RMMSIM_EXIT_BAD_INPUT);
	assert_non_null(strstr(err, "low.elf: ELF segment [0x7ffff000, 0x80001000) is outside DRAM"));
	cli_images_free(&im);

	make_elf(&elf_b, 0xffe00000, 0x1000, 0xffe00000);
	assert_int_equal(cli_images_add_mem(&im, "dtb.elf", &elf_b, sizeof(elf_b)), 0);
	assert_int_equal(prepare(&im, false, 0, &entry), RMMSIM_EXIT_BAD_INPUT);
	assert_non_null(strstr(err, "dtb.elf"));
	assert_non_null(strstr(err, "DTB window"));
	cli_images_free(&im);
}

static void prepare__names_a_missing_or_non_elf_file(void **state)
{
	struct cli_images im = { 0 };
	char *txt = temp_file(100);
	pa_t entry;

	assert_int_equal(cli_images_add(&im, "/nonexistent/x.elf"), 0);
	assert_int_equal(prepare(&im, false, 0, &entry), RMMSIM_EXIT_BAD_INPUT);
	assert_non_null(strstr(err, "/nonexistent/x.elf: cannot open"));
	cli_images_free(&im);
	assert_int_equal(cli_images_add(&im, txt), 0);
	assert_int_equal(prepare(&im, false, 0, &entry), RMMSIM_EXIT_BAD_INPUT);
	assert_non_null(strstr(err, "not an ELF file"));
	cli_images_free(&im);
	unlink(txt);
}

static void add__refuses_a_bad_address_as_usage_error(void **state)
{
	struct cli_images im = { 0 };

	assert_int_equal(cli_images_add(&im, "x.bin@12zz"), RMMSIM_EXIT_USAGE);
	assert_int_equal(cli_images_add(&im, "@0x80000000"), RMMSIM_EXIT_USAGE);
	assert_int_equal(im.n, 0);
	assert_int_equal(cli_images_add(&im, "dir@v2/x.bin@0x80000000"), 0);
	assert_string_equal(im.img[0].name, "dir@v2/x.bin");
	assert_true(im.img[0].has_addr);
	assert_int_equal(im.img[0].addr, 0x80000000);
	cli_images_free(&im);
}

static void prefix_stream__marks_every_line_and_keeps_order(void **state)
{
	struct cli_outs outs = { 0 };
	FILE *shared = tmpfile();
	FILE *log;
	char buf[256] = "";
	size_t n;

	assert_non_null(shared);
	log = cli_prefix_stream(&outs, shared, "[rmi] ");
	assert_non_null(log);
	fputs("uart line\n", shared);
	fprintf(log, "SMC_RMI_VERSION 10000 > RMI_SUCCESS\n");
	fputs("uart again\n", shared);
	fprintf(log, "a\nb\n");
	cli_outs_close(&outs);
	rewind(shared);
	n = fread(buf, 1, sizeof(buf) - 1, shared);
	buf[n] = '\0';
	fclose(shared);
	assert_string_equal(buf, "uart line\n[rmi] SMC_RMI_VERSION 10000 > RMI_SUCCESS\n"
				 "uart again\n[rmi] a\n[rmi] b\n");
}

static void out_open__same_path_gives_the_same_stream(void **state)
{
	struct cli_outs outs = { 0 };
	char path[] = "/tmp/rmmsim_cli_out_XXXXXX";
	int fd = mkstemp(path);
	FILE *a, *b;

	assert_true(fd >= 0);
	close(fd);
	a = cli_out_open(&outs, path, "UART output", "test");
	b = cli_out_open(&outs, path, "trace", "test");
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_null(cli_out_open(&outs, "/nonexistent/dir/f", "trace", "test"));
	cli_outs_close(&outs);
	assert_int_equal(cli_check_out_path(path, "report", "test"), 0);
	assert_int_equal(cli_check_out_path("/nonexistent/dir/x.json", "report", "test"), -1);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(prepare__refuses_overlapping_images_naming_both),
		cmocka_unit_test(prepare__entry_is_the_first_elfs_unless_given),
		cmocka_unit_test(prepare__entry_of_flat_images_only_is_the_first_address),
		cmocka_unit_test(prepare__refuses_an_entry_outside_or_unaligned),
		cmocka_unit_test(prepare__refuses_a_flat_address_not_granule_aligned),
		cmocka_unit_test(prepare__refuses_images_outside_dram_or_over_the_dtb),
		cmocka_unit_test(prepare__names_a_missing_or_non_elf_file),
		cmocka_unit_test(add__refuses_a_bad_address_as_usage_error),
		cmocka_unit_test(prefix_stream__marks_every_line_and_keeps_order),
		cmocka_unit_test(out_open__same_path_gives_the_same_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
