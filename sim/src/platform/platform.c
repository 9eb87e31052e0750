/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The platform's EL3 wiring: the GPT initialised from the memory map, the
 * SMC dispatcher, and the RMM with the struct rmm_plat implemented on the
 * simulated memory. The RMM reaches EL3 only by SMC (GTSI through the
 * dispatcher), as on hardware, so EL3 really is in the path.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "plat_pas_lock.h"
#include "plat_realm.h"
#include "platform.h"
#include "rmmsim_stripe.h"

/* --- struct rmm_plat ---------------------------------------------------- */

static void *plat_granule_map(void *ctx, pa_t pa)
{
	/* The RMM may write what it maps (snapshot log, plat_snap.c). */
	plat_snap_note(ctx, pa);
	return plat_pa_to_host(ctx, pa & ~(pa_t)GRANULE_MASK, GRANULE_SIZE);
}

/*
 * The RMM reads/writes NS memory from the realm world through its NS
 * mapping: the GPC requires the target to be NS PAS (gpt_check as
 * WORLD_NS); realm, secure, root or unbacked memory reads as a failure.
 */
static bool plat_rmm_ns_read(void *ctx, pa_t pa, void *dst, size_t len)
{
	return plat_world_read(ctx, WORLD_NS, pa, dst, len);
}

static bool plat_rmm_ns_write(void *ctx, pa_t pa, const void *src, size_t len)
{
	return plat_world_write(ctx, WORLD_NS, pa, src, len);
}

/* GTSI: the RMM issues an SMC to EL3 (RMM-EL3 interface), which updates the GPT. */
static int64_t plat_gtsi(void *ctx, uint64_t fid, pa_t pa)
{
	/*
	 * X2..X17 zero. Copied from a zero template rather than zero-filled:
	 * GCC fills 144 bytes with `rep stos`, whose start-up alone was a
	 * fifth of a GRANULE_UNDELEGATE.
	 */
	static const struct smc_regs zero;
	struct rmmsim *p = ctx;
	struct smc_regs regs = zero;
	uint32_t *stripe = &p->pas_stripe[(pa >> GRANULE_SHIFT) % PLAT_PAS_STRIPES];

	regs.x[0] = fid;
	regs.x[1] = pa;
	plat_snap_note(p, pa);
	/* No world access to the granule is half done while its PAS changes. */
	plat_pas_wrlock(stripe);
	smc_dispatch(&p->el3, SMC_CALLER_RMM, &regs);
	plat_pas_wrunlock(stripe);
	if (regs.x[0] == 0U && fid == RMM_GTSI_DELEGATE_FID) {
		/*
		 * Only a granule leaving NS PAS revokes host translations: the
		 * host CPU caches only accesses the GPC allowed (shadow.c), and
		 * an UNDELEGATE only adds allowed ones, so it needs no flush
		 * (each flush rebuilds Unicorn's memory map: 60 us, half of the
		 * default scenario's 90).
		 */
		__atomic_fetch_add(&p->pas_epoch, 1, __ATOMIC_RELEASE);
		/* A granule leaving NS must vanish from every realm's Unprotected view. */
		plat_realm_pas_changed(p, pa);
	}
	return (int64_t)regs.x[0];
}

uint64_t plat_cost_count(const struct rmmsim *p, enum rmm_cost ev)
{
	uint64_t sum = 0;

	if ((unsigned)ev >= RMM_COST_COUNT)
		return 0;
	for (unsigned i = 0; i < PLAT_COST_STRIPES; i++)
		sum += __atomic_load_n(&p->cost_stripe[i].n[ev], __ATOMIC_RELAXED);
	return sum;
}

void plat_cost_counts_of_thread(const struct rmmsim *p, uint64_t counts[RMM_COST_COUNT])
{
	const struct plat_cost_stripe *st = &p->cost_stripe[rmmsim_thread_stripe()];

	for (unsigned e = 0; e < RMM_COST_COUNT; e++)
		counts[e] = __atomic_load_n(&st->n[e], __ATOMIC_RELAXED);
}

static void plat_account(void *ctx, enum rmm_cost ev, uint64_t n)
{
	struct rmmsim *p = ctx;

	if ((unsigned)ev < RMM_COST_COUNT) {
		/*
		 * Host threads may call RMI at once (native API, --parallel-rmi):
		 * the thread's own stripe (rmmsim_stripe.h; atomic if shared).
		 */
		unsigned s = rmmsim_thread_stripe();

		rmmsim_stripe_add(&p->cost_stripe[s].n[ev], s, n);
	}
	if (p->cost_hook != NULL) {
		p->cost_hook(p->cost_hook_ctx, ev, n);
	}
}

static void plat_s2_changed(void *ctx, uint16_t vmid, ipa_t base, uint64_t size)
{
	struct rmmsim *p = ctx;

	plat_realm_s2_changed(p, vmid, base, size);
	if (p->s2_hook != NULL) {
		p->s2_hook(p->s2_hook_ctx, vmid, base, size);
	}
}

/* --- PAS-checked accesses ----------------------------------------------- */

static bool plat_world_access_ok(struct rmmsim *p, enum rmmsim_world world,
				 enum gpt_access access, pa_t pa, size_t len)
{
	pa_t end;

	if (len == 0U) {
		return true;
	}
	if (pa + len < pa || plat_pa_to_host(p, pa, len) == NULL) {
		return false;
	}
	end = pa + len;
	/* One GPC per granule touched. */
	for (pa_t g = pa & ~(pa_t)GRANULE_MASK; g < end; g += GRANULE_SIZE) {
		if (gpt_check(p->gpt, world, access, g) != GPT_PASS) {
			return false;
		}
	}
	return true;
}

/* The PAS stripes of the granules of [pa, pa + len) (struct rmmsim.pas_stripe). */
static uint64_t pas_stripes_of(pa_t pa, size_t len)
{
	uint64_t first = pa >> GRANULE_SHIFT, last, mask = 0;

	if (len == 0U || pa + len - 1U < pa) {
		return ~0ULL;
	}
	last = (pa + len - 1U) >> GRANULE_SHIFT;
	if (last - first >= PLAT_PAS_STRIPES) {
		return ~0ULL;
	}
	for (uint64_t g = first; g <= last; g++) {
		mask |= 1ULL << (g % PLAT_PAS_STRIPES);
	}
	return mask;
}

/* Shared locks in ascending stripe order (a GTSI takes one stripe exclusive). */
static void pas_stripes_lock(struct rmmsim *p, uint64_t mask)
{
	for (unsigned i = 0; i < PLAT_PAS_STRIPES; i++) {
		if ((mask >> i) & 1U) {
			plat_pas_rdlock(&p->pas_stripe[i]);
		}
	}
}

static void pas_stripes_unlock(struct rmmsim *p, uint64_t mask)
{
	for (unsigned i = 0; i < PLAT_PAS_STRIPES; i++) {
		if ((mask >> i) & 1U) {
			plat_pas_rdunlock(&p->pas_stripe[i]);
		}
	}
}

bool plat_world_read(struct rmmsim *p, enum rmmsim_world world, pa_t pa, void *dst, size_t len)
{
	uint64_t mask = pas_stripes_of(pa, len);
	bool ok;

	pas_stripes_lock(p, mask);
	ok = plat_world_access_ok(p, world, GPT_ACCESS_READ, pa, len);
	if (ok && len != 0U) {
		memcpy(dst, plat_pa_to_host(p, pa, len), len);
	}
	pas_stripes_unlock(p, mask);
	return ok;
}

bool plat_world_write(struct rmmsim *p, enum rmmsim_world world, pa_t pa, const void *src,
		      size_t len)
{
	uint64_t mask = pas_stripes_of(pa, len);
	bool ok;

	pas_stripes_lock(p, mask);
	ok = plat_world_access_ok(p, world, GPT_ACCESS_WRITE, pa, len);
	if (ok && len != 0U) {
		for (pa_t g = pa & ~(pa_t)GRANULE_MASK; p->snap != NULL && g < pa + len; g += GRANULE_SIZE) {
			plat_snap_touch(p, g);
		}
		memcpy(plat_pa_to_host(p, pa, len), src, len);
	}
	pas_stripes_unlock(p, mask);
	return ok;
}

/* --- EL3 ------------------------------------------------------------------ */

/* Every SMC EL3 handled: the RMI log (NS callers only), then the observer. */
static void plat_on_smc(void *ctx, enum smc_caller caller, const struct smc_regs *in,
			const struct smc_regs *out)
{
	struct rmmsim *p = ctx;
	uint64_t fid = in->x[0] & ~(uint64_t)SMC_FID_SVE_HINT;

	if (p->rmi_log != NULL && caller == SMC_CALLER_NS &&
	    ((fid >= RMI_FID_FIRST && fid <= RMI_FID_LAST) ||
	     (fid >= RMI2_FID_FIRST && fid <= RMI2_FID_LAST))) {
		char line[512];

		/* After the call: a VERSION that selected 2.0 is already decoded as 2.0. */
		rmi_log_format_abi(line, sizeof(line), rmm_rmi_abi_selected(p->rmm), in, out);
		fprintf(p->rmi_log, "%s\n", line);
		fflush(p->rmi_log);
	}
	if (p->smc_hook != NULL) {
		p->smc_hook(p->smc_hook_ctx, caller, in, out);
	}
}

void plat_set_smc_hook(struct rmmsim *p, plat_smc_hook_fn fn, void *ctx)
{
	p->smc_hook = fn;
	p->smc_hook_ctx = ctx;
	p->el3.cfg.on_smc = p->rmi_log != NULL || fn != NULL ? plat_on_smc : NULL;
}

/* SiP services for the NS host (rmmsim.h). */
static void plat_sip(void *ctx, struct smc_regs *regs)
{
	struct rmmsim *p = ctx;
	uint64_t pa = regs->x[1];
	uint64_t len = regs->x[2];
	uint8_t *buf;

	if ((regs->x[0] & ~(uint64_t)SMC_FID_SVE_HINT) != RMMSIM_SIP_TOKEN || p->token_fn == NULL) {
		regs->x[0] = SMC_UNKNOWN;
		return;
	}
	if (len == 0U || len > RMMSIM_SIP_TOKEN_MAX || (buf = malloc(len)) == NULL) {
		regs->x[0] = (uint64_t)-2;
		return;
	}
	if (!plat_world_read(p, WORLD_NS, pa, buf, len)) {
		regs->x[0] = (uint64_t)-2;
	} else {
		regs->x[0] = p->token_fn(p->token_ctx, buf, len) == 0 ? 0U : 1U;
	}
	free(buf);
}

/* Boot-time GPT: DRAM NS, secure-only regions SECURE, devices ANY, the rest NO_ACCESS. */
static int plat_gpt_init(struct rmmsim *p, char *err, size_t err_len)
{
	const struct plat_desc *d = &p->desc;

	p->gpt = gpt_create(&d->gpt);
	if (p->gpt == NULL) {
		snprintf(err, err_len, "gpt_create failed (PPS %u bits, L0GPTSZ %u bits)",
			 d->gpt.pps_bits, d->gpt.l0gptsz_bits);
		return -1;
	}
	for (unsigned i = 0; i < d->num_banks; i++) {
		if (gpt_set_range(p->gpt, d->banks[i].base, d->banks[i].size, GPT_GPI_NS) != 0) {
			snprintf(err, err_len, "GPT: cannot set %s NS", d->bank_names[i]);
			return -1;
		}
	}
	for (unsigned i = 0; i < d->num_secure; i++) {
		if (gpt_set_range(p->gpt, d->secure[i].base, d->secure[i].size, GPT_GPI_SECURE) != 0) {
			snprintf(err, err_len, "GPT: cannot set %s SECURE", d->secure_names[i]);
			return -1;
		}
	}
	for (unsigned i = 0; i < d->num_devices; i++) {
		const struct plat_device *dev = &d->devices[i];

		for (unsigned j = 0; j < dev->num_reg; j++) {
			if (gpt_set_range(p->gpt, dev->reg[j].base, dev->reg[j].size,
					  GPT_GPI_ANY) != 0) {
				snprintf(err, err_len, "GPT: cannot set %s ANY", dev->name);
				return -1;
			}
		}
	}
	return 0;
}

/* GPI of @pa, for the RMM invariant checker (non-UNDELEGATED granules are Realm PAS). */
static int plat_pas_of(void *ctx, pa_t pa)
{
	const struct rmmsim *p = ctx;

	return (int)gpt_get_gpi(p->gpt, pa);
}

/* RMI 2.0 GPT_L1_CREATE/DESTROY/INFO: EL3's GPT library on the RMM's behalf. */
static int plat_gpt_l1(void *ctx, enum rmm_gpt_l1_op op, pa_t pa)
{
	struct rmmsim *p = ctx;

	switch (op) {
	case RMM_GPT_L1_CREATE:
		plat_snap_unrestorable(p); /* GPT tables are not in the snapshot log */
		return gpt_l1_create(p->gpt, pa);
	case RMM_GPT_L1_DESTROY:
		plat_snap_unrestorable(p);
		return gpt_l1_destroy(p->gpt, pa);
	case RMM_GPT_L1_QUERY:
		return gpt_l1_is_table(p->gpt, pa);
	}
	return -EINVAL;
}

static int plat_rmm_init(struct rmmsim *p, char *err, size_t err_len)
{
	const struct plat_desc *d = &p->desc;
	struct rmm_config cfg = {
		.num_banks = d->num_banks,
		.pa_bits = d->pa_bits,
		.feat_reg0 = d->feat_reg0,
		.vmid_bits = d->rmm.vmid_bits,
		.rec_slice_insns = d->rec_slice_insns,
		.rmi_abi = d->has_rmi_abi ? d->rmi_abi : RMM_RMI_ABI_BOTH,
		.gpt_l0gptsz_bits = d->gpt.l0gptsz_bits,
	};

	for (unsigned i = 0; i < d->num_banks; i++) {
		cfg.banks[i].base = d->banks[i].base;
		cfg.banks[i].size = d->banks[i].size;
	}
	p->rmm_plat = (struct rmm_plat){
		.ctx = p,
		.granule_map = plat_granule_map,
		.ns_read = plat_rmm_ns_read,
		.ns_write = plat_rmm_ns_write,
		.gtsi = plat_gtsi,
		.account = plat_account,
		.s2_changed = plat_s2_changed,
		.pas_of = plat_pas_of,
		.gpt_l1 = plat_gpt_l1,
	};
	if (plat_realm_init(p, &p->rmm_plat, err, err_len) != 0) {
		return -1;
	}
	p->rmm = rmm_create(&cfg, &p->rmm_plat);
	if (p->rmm == NULL) {
		snprintf(err, err_len, "rmm_create refused the memory map");
		return -1;
	}
	if (rmm_attest_init(p->rmm, d->attest.has_rak ? d->attest.rak : NULL,
			    d->attest.plat_token_len != 0U ? d->attest.plat_token : NULL,
			    d->attest.plat_token_len) != 0) {
		snprintf(err, err_len, "/rmmsim/attestation: the RAK or platform token was refused");
		return -1;
	}
	return 0;
}

struct rmmsim *rmmsim_create(const struct rmmsim_options *opt, char *err, size_t err_len)
{
	/*
	 * Cache-line aligned: the per-thread counter stripes inside (cost_stripe,
	 * the dispatcher's counts) are one line each only if the struct starts on
	 * a line; calloc's 16-byte alignment let two threads' stripes share a
	 * line (RMI_VERSION on two threads ran at 0.7x or 1.9x by heap layout).
	 */
	size_t p_size = (sizeof(struct rmmsim) + RMMSIM_CACHE_LINE - 1U) &
			~(size_t)(RMMSIM_CACHE_LINE - 1U);
	struct rmmsim *p = aligned_alloc(RMMSIM_CACHE_LINE, p_size);
	struct smc_dispatcher_cfg el3;
	char dummy[1];

	if (err == NULL || err_len == 0U) {
		err = dummy;
		err_len = sizeof(dummy);
	}
	err[0] = '\0';
	if (p != NULL)
		memset(p, 0, p_size);
	if (p == NULL) {
		snprintf(err, err_len, "out of memory");
		return NULL;
	}
	p->mem_fd = -1;
	if (plat_desc_load(opt != NULL ? opt->platform_path : NULL, &p->desc, err, err_len) != 0) {
		rmmsim_destroy(p);
		return NULL;
	}
	if (opt != NULL && opt->rmi_abi != NULL) {
		if (!rmm_rmi_abi_parse(opt->rmi_abi, &p->desc.rmi_abi)) {
			snprintf(err, err_len, "RMI ABI '%s' is not 1.0, 2.0 or both", opt->rmi_abi);
			rmmsim_destroy(p);
			return NULL;
		}
		p->desc.has_rmi_abi = true;
	}
	if (plat_mem_init(p, err, err_len) != 0 || plat_gpt_init(p, err, err_len) != 0 ||
	    plat_rmm_init(p, err, err_len) != 0) {
		rmmsim_destroy(p);
		return NULL;
	}
	p->rmi_log = opt != NULL ? opt->rmi_log : NULL;
	el3 = (struct smc_dispatcher_cfg){
		.gpt = p->gpt,
		.rmi = rmm_handle_rmi,
		.rmm_ctx = p->rmm,
		/* No observer, no snapshot of every SMC's registers (plat_set_smc_hook). */
		.on_smc = p->rmi_log != NULL ? plat_on_smc : NULL,
		.obs_ctx = p,
		.sip = plat_sip,
		.sip_ctx = p,
	};
	smc_dispatcher_init(&p->el3, &el3);
	return p;
}

void rmmsim_destroy(struct rmmsim *p)
{
	if (p == NULL) {
		return;
	}
	plat_snap_fini(p);
	rmm_destroy(p->rmm);
	plat_realm_fini(p);
	if (p->gpt != NULL) {
		gpt_destroy(p->gpt);
	}
	plat_mem_fini(p);
	free(p);
}

/*
 * Platform warm reset (issue 12): DRAM and flash are kept, but no Realm
 * PAS granule may survive into the next boot with its contents. Each one
 * is zeroed and returned to NS (as TF-A's boot-time GPT puts all DRAM in
 * NS), and the RMM starts afresh with no realm, REC or delegated granule.
 */
int plat_warm_reset(struct rmmsim *p, char *err, size_t err_len)
{
	const struct plat_desc *d = &p->desc;
	uint64_t scrubbed = 0;

	plat_snap_unrestorable(p); /* a fresh RMM: not what a snapshot log can undo */

	for (unsigned i = 0; i < d->num_banks; i++) {
		for (uint64_t off = 0; off < d->banks[i].size; off += GRANULE_SIZE) {
			pa_t pa = d->banks[i].base + off;

			if (gpt_get_gpi(p->gpt, pa) != GPT_GPI_REALM) {
				continue;
			}
			memset(p->dram + p->bank_offset[i] + off, 0, GRANULE_SIZE);
			if (gpt_set_range(p->gpt, pa, GRANULE_SIZE, GPT_GPI_NS) != 0) {
				snprintf(err, err_len, "GPT: cannot return 0x%" PRIx64 " to NS", pa);
				return -1;
			}
			scrubbed++;
		}
	}
	rmm_destroy(p->rmm);
	p->rmm = NULL;
	plat_realm_fini(p);
	if (plat_rmm_init(p, err, err_len) != 0) {
		return -1;
	}
	p->el3.cfg.rmm_ctx = p->rmm;
	p->el3.power_event = SMC_POWER_NONE;
	p->pas_epoch++;
	p->resets++;
	p->scrubbed_granules += scrubbed;
	return 0;
}
