/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform description: walks a DTB (libfdt) and collects DRAM banks,
 * MMIO devices, secure-only regions, the /rmmsim configuration and the
 * cycle-cost table into struct plat_desc. The bindings are in
 * docs/platform.md. Every refusal is one message naming the file and the
 * node; plat_check.c then checks the collected layout as a whole.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "plat_desc_private.h"

void plat_err(struct plat_parse *pp, const char *node, const char *fmt, ...)
{
	char what[PLAT_ERR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (node != NULL) {
		snprintf(pp->err, pp->err_len, "platform '%s': node '%s': %s", pp->file, node, what);
	} else {
		snprintf(pp->err, pp->err_len, "platform '%s': %s", pp->file, what);
	}
}

static void node_path(const void *fdt, int off, char *buf, size_t len)
{
	if (fdt_get_path(fdt, off, buf, (int)len) != 0) {
		snprintf(buf, len, "%s", fdt_get_name(fdt, off, NULL) != NULL ?
					 fdt_get_name(fdt, off, NULL) : "?");
	}
}

static void copy_name(char *dst, const char *src)
{
	snprintf(dst, PLAT_NAME_LEN, "%s", src);
}

static uint64_t read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;

	for (int i = 0; i < cells; i++) {
		v = (v << 32) | fdt32_to_cpu(p[i]);
	}
	return v;
}

/*
 * Reads the `reg` of the node at @off with its parent's #address-cells and
 * #size-cells (1 or 2 each). Returns the number of entries (>= 1) or -1.
 */
static int read_reg(struct plat_parse *pp, int off, const char *path, struct plat_region *out,
		    int max)
{
	const void *fdt = pp->fdt;
	int parent = fdt_parent_offset(fdt, off);
	int ac, sc, len, n;
	const fdt32_t *reg;

	if (parent < 0) {
		plat_err(pp, path, "has no parent (%s)", fdt_strerror(parent));
		return -1;
	}
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		plat_err(pp, path, "malformed reg: parent #address-cells/#size-cells must be 1 or 2");
		return -1;
	}
	reg = fdt_getprop(fdt, off, "reg", &len);
	if (reg == NULL) {
		plat_err(pp, path, "missing reg");
		return -1;
	}
	if (len <= 0 || len % ((ac + sc) * 4) != 0) {
		plat_err(pp, path, "malformed reg (%d bytes, not a multiple of %d)", len,
			 (ac + sc) * 4);
		return -1;
	}
	n = len / ((ac + sc) * 4);
	if (n > max) {
		plat_err(pp, path, "too many reg entries (%d, at most %d)", n, max);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		const fdt32_t *e = reg + i * (ac + sc);

		out[i].base = read_cells(e, ac);
		out[i].size = read_cells(e + ac, sc);
		if (out[i].size == 0U) {
			plat_err(pp, path, "reg entry %d has size 0", i);
			return -1;
		}
	}
	return n;
}

static bool node_is_compatible(const void *fdt, int off, const char *compat)
{
	int len;
	const char *list = fdt_getprop(fdt, off, "compatible", &len);

	return list != NULL && len > 0 && fdt_stringlist_contains(list, len, compat) != 0;
}

static bool node_is_disabled(const void *fdt, int off)
{
	int len;
	const char *st = fdt_getprop(fdt, off, "status", &len);

	return st != NULL && len > 0 && strncmp(st, "okay", (size_t)len) != 0 &&
	       strncmp(st, "ok", (size_t)len) != 0;
}

static bool node_is_memory(const void *fdt, int off)
{
	int len;
	const char *t = fdt_getprop(fdt, off, "device_type", &len);

	return t != NULL && len == (int)sizeof("memory") && memcmp(t, "memory", sizeof("memory")) == 0;
}

/* Devices are children of / or of a simple-bus (whose ranges are taken as identity). */
static bool node_is_on_bus(const void *fdt, int off)
{
	int parent = fdt_parent_offset(fdt, off);

	if (parent < 0) {
		return false;
	}
	return parent == 0 || node_is_compatible(fdt, parent, "simple-bus");
}

static int add_banks(struct plat_parse *pp, int off, const char *path)
{
	struct plat_region r[RMM_MAX_BANKS + 1];
	struct plat_desc *d = pp->desc;
	int n = read_reg(pp, off, path, r, (int)RMM_MAX_BANKS + 1);

	if (n < 0) {
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (d->num_banks == RMM_MAX_BANKS) {
			plat_err(pp, path, "more than %u DRAM banks", RMM_MAX_BANKS);
			return -1;
		}
		d->banks[d->num_banks] = r[i];
		copy_name(d->bank_names[d->num_banks], path);
		d->num_banks++;
	}
	return 0;
}

static int add_secure(struct plat_parse *pp, int off, const char *path)
{
	struct plat_region r[PLAT_MAX_SECURE + 1];
	struct plat_desc *d = pp->desc;
	int n = read_reg(pp, off, path, r, (int)PLAT_MAX_SECURE + 1);

	if (n < 0) {
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (d->num_secure == PLAT_MAX_SECURE) {
			plat_err(pp, path, "more than %u secure-only regions", PLAT_MAX_SECURE);
			return -1;
		}
		d->secure[d->num_secure] = r[i];
		copy_name(d->secure_names[d->num_secure], path);
		d->num_secure++;
	}
	return 0;
}

static enum plat_dev_kind dev_kind(const void *fdt, int off)
{
	if (node_is_compatible(fdt, off, "arm,pl011")) {
		return PLAT_DEV_PL011;
	}
	if (node_is_compatible(fdt, off, "arm,gic-v3")) {
		return PLAT_DEV_GICV3;
	}
	if (node_is_compatible(fdt, off, "arm,sp805")) {
		return PLAT_DEV_SP805;
	}
	if (node_is_compatible(fdt, off, "arm,sbsa-gwdt")) {
		return PLAT_DEV_SBSA_GWDT;
	}
	if (node_is_compatible(fdt, off, "cfi-flash") || node_is_compatible(fdt, off, "rmmsim,nvram")) {
		return PLAT_DEV_NVRAM;
	}
	return PLAT_DEV_OTHER;
}

/*
 * `interrupts` of a node for the GICv3 binding (3 cells: 0 = SPI, 1 = PPI;
 * number; flags) as INTIDs (SPI n = 32 + n, PPI n = 16 + n). Returns the
 * count (0 if absent) or -1 for a malformed property.
 */
static int read_irqs(struct plat_parse *pp, int off, const char *path, unsigned *out,
		     unsigned max)
{
	int len;
	const fdt32_t *p = fdt_getprop(pp->fdt, off, "interrupts", &len);
	unsigned n;

	if (p == NULL) {
		return 0;
	}
	if (len <= 0 || len % 12 != 0) {
		plat_err(pp, path, "malformed interrupts: expected 3 cells per interrupt");
		return -1;
	}
	n = (unsigned)len / 12U;
	for (unsigned i = 0; i < n && i < max; i++) {
		uint32_t type = fdt32_to_cpu(p[3 * i]);
		uint32_t num = fdt32_to_cpu(p[3 * i + 1]);

		if ((type == 0 && num > 987) || (type == 1 && num > 15) || type > 1) {
			plat_err(pp, path, "interrupt %u: not an SPI or PPI of the GICv3 binding", i);
			return -1;
		}
		out[i] = type == 0 ? 32U + num : 16U + num;
	}
	return (int)(n < max ? n : max);
}

static uint32_t read_u32_prop(const void *fdt, int off, const char *name)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, off, name, &len);

	return p != NULL && len == 4 ? fdt32_to_cpu(*p) : 0;
}

/* The architected timer and PMU nodes (no reg): their interrupts. */
static int add_timer_or_pmu(struct plat_parse *pp, int off, const char *path)
{
	unsigned irq[PLAT_MAX_DEV_IRQS] = { 0 };
	int n = read_irqs(pp, off, path, irq, PLAT_MAX_DEV_IRQS);

	if (n < 0) {
		return -1;
	}
	if (node_is_compatible(pp->fdt, off, "arm,armv8-pmuv3")) {
		pp->desc->pmu_ppi = n >= 1 ? irq[0] : 0;
		return 0;
	}
	if (n < 4) {
		plat_err(pp, path, "arm,armv8-timer needs 4 interrupts (sec, ns, virt, hyp)");
		return -1;
	}
	pp->desc->timer = (struct plat_timer){
		.present = true, .ppi_sec = irq[0], .ppi_ns = irq[1], .ppi_virt = irq[2],
		.ppi_hyp = irq[3], .freq = read_u32_prop(pp->fdt, off, "clock-frequency"),
	};
	return 0;
}

static int add_device(struct plat_parse *pp, int off, const char *path)
{
	struct plat_desc *d = pp->desc;
	struct plat_device *dev;
	const char *compat = fdt_getprop(pp->fdt, off, "compatible", NULL);
	int n;

	if (d->num_devices == PLAT_MAX_DEVICES) {
		plat_err(pp, path, "more than %u MMIO devices", PLAT_MAX_DEVICES);
		return -1;
	}
	dev = &d->devices[d->num_devices];
	n = read_reg(pp, off, path, dev->reg, (int)PLAT_MAX_DEV_REGS);
	if (n < 0) {
		return -1;
	}
	dev->num_reg = (unsigned)n;
	dev->kind = dev_kind(pp->fdt, off);
	n = read_irqs(pp, off, path, dev->irq, PLAT_MAX_DEV_IRQS);
	if (n < 0) {
		return -1;
	}
	dev->num_irq = (unsigned)n;
	dev->clock_hz = read_u32_prop(pp->fdt, off, "clock-frequency");
	copy_name(dev->name, path);
	copy_name(dev->compatible, compat != NULL ? compat : "");
	if (dev->kind == PLAT_DEV_SBSA_GWDT && dev->num_reg < 2) {
		plat_err(pp, path, "arm,sbsa-gwdt needs reg = <refresh frame>, <control frame>");
		return -1;
	}
	if (dev->kind == PLAT_DEV_GICV3 && dev->num_reg < 2) {
		plat_err(pp, path, "arm,gic-v3 needs reg = <distributor>, <redistributors>");
		return -1;
	}
	d->num_devices++;
	return 0;
}

static bool node_is_cpu(const void *fdt, int off)
{
	int len;
	const char *t = fdt_getprop(fdt, off, "device_type", &len);

	return t != NULL && len >= 4 && strcmp(t, "cpu") == 0;
}

/*
 * A host PE (issue 13): reg = its MPIDR affinity, Aff3 in bits [39:32] and
 * Aff2..Aff0 in [23:0] (the Linux "arm,cpus" binding); #size-cells = 0.
 */
static int add_cpu(struct plat_parse *pp, int off, const char *path)
{
	struct plat_desc *d = pp->desc;
	int parent = fdt_parent_offset(pp->fdt, off);
	int ac = parent >= 0 ? fdt_address_cells(pp->fdt, parent) : -1;
	int len;
	const fdt32_t *reg = fdt_getprop(pp->fdt, off, "reg", &len);
	uint64_t aff;

	if (ac < 1 || ac > 2 || reg == NULL || len != ac * 4) {
		plat_err(pp, path, "a cpu needs reg = <MPIDR affinity> (#address-cells 1 or 2)");
		return -1;
	}
	aff = read_cells(reg, ac);
	if (aff & ~0xFF00FFFFFFULL) {
		plat_err(pp, path, "reg 0x%" PRIx64 " has bits outside Aff3..Aff0", aff);
		return -1;
	}
	for (unsigned i = 0; i < d->num_cpus; i++) {
		if (d->cpu_mpidr[i] == aff) {
			plat_err(pp, path, "affinity 0x%" PRIx64 " listed twice", aff);
			return -1;
		}
	}
	if (d->num_cpus == PLAT_MAX_CPUS) {
		plat_err(pp, path, "more than %u cpus", PLAT_MAX_CPUS);
		return -1;
	}
	d->cpu_mpidr[d->num_cpus++] = aff;
	return 0;
}

/* Classifies one node; nodes of no interest are skipped. */
static int visit_node(struct plat_parse *pp, int off)
{
	const void *fdt = pp->fdt;
	char path[PLAT_NAME_LEN];

	node_path(fdt, off, path, sizeof(path));
	if (strncmp(path, "/rmmsim", 7) == 0 && (path[7] == '\0' || path[7] == '/')) {
		return 0; /* configuration, read by plat_read_config() */
	}
	if (node_is_disabled(fdt, off)) {
		return 0;
	}
	if (node_is_memory(fdt, off)) {
		return add_banks(pp, off, path);
	}
	if (node_is_cpu(fdt, off)) {
		return add_cpu(pp, off, path);
	}
	if (node_is_compatible(fdt, off, "arm,armv8-timer") ||
	    node_is_compatible(fdt, off, "arm,armv8-pmuv3")) {
		return add_timer_or_pmu(pp, off, path);
	}
	if (node_is_compatible(fdt, off, "rmmsim,secure-memory")) {
		return add_secure(pp, off, path);
	}
	if (fdt_getprop(fdt, off, "compatible", NULL) != NULL &&
	    fdt_getprop(fdt, off, "reg", NULL) != NULL && node_is_on_bus(fdt, off) &&
	    !node_is_compatible(fdt, off, "simple-bus")) {
		return add_device(pp, off, path);
	}
	return 0;
}

static int check_blob(struct plat_parse *pp, size_t dtb_len)
{
	int rc;

	if (dtb_len < sizeof(struct fdt_header)) {
		plat_err(pp, NULL, "not a device tree blob (%zu bytes)", dtb_len);
		return -1;
	}
	rc = fdt_check_header(pp->fdt);
	if (rc != 0) {
		plat_err(pp, NULL, "not a device tree blob (%s)", fdt_strerror(rc));
		return -1;
	}
	if (fdt_totalsize(pp->fdt) > dtb_len) {
		plat_err(pp, NULL, "truncated device tree blob (%u bytes declared, %zu read)",
			 fdt_totalsize(pp->fdt), dtb_len);
		return -1;
	}
	rc = fdt_check_full(pp->fdt, dtb_len);
	if (rc != 0) {
		plat_err(pp, NULL, "corrupt device tree blob (%s)", fdt_strerror(rc));
		return -1;
	}
	return 0;
}

int plat_desc_parse(const void *dtb, size_t dtb_len, const char *file, struct plat_desc *d,
		    char *err, size_t err_len)
{
	struct plat_parse pp = {
		.fdt = dtb, .file = file != NULL ? file : "(built-in)", .desc = d,
		.err = err, .err_len = err_len,
	};
	int depth = 0;
	int off;

	memset(d, 0, sizeof(*d));
	if (err_len != 0U) {
		err[0] = '\0';
	}
	if (check_blob(&pp, dtb_len) != 0) {
		return -1;
	}
	for (off = fdt_next_node(dtb, 0, &depth); off >= 0 && depth > 0;
	     off = fdt_next_node(dtb, off, &depth)) {
		if (visit_node(&pp, off) != 0) {
			return -1;
		}
	}
	if (off < 0 && off != -FDT_ERR_NOTFOUND) {
		plat_err(&pp, NULL, "corrupt device tree blob (%s)", fdt_strerror(off));
		return -1;
	}
	if (d->num_banks == 0U) {
		plat_err(&pp, "/", "no memory node (device_type = \"memory\")");
		return -1;
	}
	if (plat_read_config(&pp) != 0) {
		return -1;
	}
	return plat_check_layout(&pp);
}
