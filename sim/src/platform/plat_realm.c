/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PE as the RMM runs realms on it: rmm_plat.rec_run / s2_map /
 * s2_changed on top of the realm CPU engine (sim/src/realm, realm_cpu.h).
 *
 * A live VMID has a first engine, created at the realm's first REC_ENTER,
 * and more while runs of its RECs overlap (below). An engine's stage 2 is
 * a TLB: it starts empty, the RMM fills it one page at
 * a time from its RTTs when the realm faults (s2_map), and every RTT change
 * that removes or changes a mapping empties the range (s2_changed, the
 * model of TLBI IPAS2E1IS). Nothing else reaches the memfd from a realm, so
 * a realm cannot touch a granule its RTTs do not map.
 *
 * The engines are caches only (the vCPU state lives in the REC), so an
 * idle engine may be dropped at any time: when the realm is destroyed (the
 * whole IPA space changes), or to make room for another VMID.
 *
 * Host threads may call RMI at once (native API, --threads): one mutex
 * guards the engine table, taken by each entry point below and never held
 * while calling back into the RMM (each is a leaf under the RMM's granule
 * locks), so it cannot take part in a lock cycle. A VMID has up to
 * PLAT_REALM_REC_ENGINES engines, one per REC being run (created when two
 * runs overlap, the lowest free one taken first, so a single-threaded
 * caller only ever uses engine 0 and runs as before); they map the same
 * memfd, so RECs of one realm run realm code at once, each on its own
 * "PE". A run holds its engine (busy) but not the mutex. Every engine is
 * a TLB of the same RTTs: s2_map fills the idle engines (a busy one that
 * misses the page faults and is filled again), while anything that
 * removes a mapping (s2_changed, pas_changed, the NS list overflowing)
 * first waits until no engine of the VMID is running, then empties all of
 * them before the RMI call returns, as a TLBI's DSB waits for the other
 * PEs: a realm never reaches a granule after its unmapping returned (fails
 * closed). While such a change waits, no new run starts, so it cannot
 * starve (docs/conformance.md CONCURRENT_REC_ENTER).
 */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plat_realm.h"
#include "plat_vgic.h"
#include "realm_cpu.h"

struct plat_realm_vm {
	bool used;
	uint16_t vmid;
	unsigned ipa_bits;
	/* rc[0] exists while used; rc[i > 0] are created when runs overlap. */
	struct realm_cpu *rc[PLAT_REALM_REC_ENGINES];
	bool busy[PLAT_REALM_REC_ENGINES];
	unsigned num_busy;
	bool no_more_engines; /* creating one failed: later runs share the existing ones */
	uint64_t last_use;
	/*
	 * Per half of the IPA space (0 protected, 1 unprotected), [lo, hi)
	 * holds every page s2_map filled, so an invalidation of a large range
	 * (RTT_DESTROY of a level-1 or level-2 table) only empties what can be
	 * mapped; a half is empty when lo >= hi.
	 */
	struct {
		ipa_t lo, hi;
	} mapped[2];
	/* Unprotected pages mapped to NS granules: unmapped when the granule leaves NS. */
	struct {
		ipa_t ipa;
		pa_t pa;
	} ns[PLAT_REALM_MAX_NS_MAPS];
	unsigned num_ns;
	bool warned_unsupported; /* the stderr line of REALM_EXIT_UNSUPPORTED, once per engine */
	/*
	 * Snapshots (plat_realm_track): every page mapped in the engines,
	 * kept only while tracking; s2_events counts changes since the last
	 * snapshot or rewind.
	 */
	bool track;
	uint64_t serial;             /* which engine this is (a new one after a drop) */
	struct plat_realm_map *shadow;
	unsigned nshadow, cap_shadow;
	uint64_t s2_events;
};

/* One page of an engine's stage 2 (the shadow). */
struct plat_realm_map {
	ipa_t ipa;
	pa_t pa;
	unsigned prot; /* REALM_PROT_* */
};

struct plat_realm_snap;

struct plat_realm {
	pthread_mutex_t lock;
	/* Broadcast when an engine goes idle or a stage-2 change is done. */
	pthread_cond_t idle;
	unsigned changers; /* stage-2 changes waiting for runs to end: no run starts */
	struct plat_realm_vm vm[PLAT_REALM_MAX_ENGINES];
	uint64_t clock;
	uint64_t total_insns;
	bool warned_ipa;
	bool track;                  /* new engines keep a shadow (plat_realm_track) */
	uint64_t serial;
	struct plat_realm_snap *snap; /* plat_realm_snap_take */
};

/* Only for a VMID none of whose engines runs (num_busy == 0). */
static void vm_drop(struct plat_realm_vm *vm)
{
	for (unsigned i = 0; i < PLAT_REALM_REC_ENGINES; i++) {
		realm_cpu_destroy(vm->rc[i]);
	}
	free(vm->shadow);
	memset(vm, 0, sizeof(*vm));
}

static bool snap_park(struct plat_realm *pr, struct plat_realm_vm *vm);

/*
 * A VMID's engines go (the realm was destroyed, or its slot is needed):
 * the engine a snapshot holds is parked instead, with its stage 2 emptied,
 * so that a rewind can put it back (plat_realm_snap_rewind).
 */
static void vm_retire(struct plat_realm *pr, struct plat_realm_vm *vm)
{
	if (!snap_park(pr, vm)) {
		vm_drop(vm);
	}
}

/* The shadow entry of @ipa, or NULL. */
static struct plat_realm_map *shadow_find(struct plat_realm_map *m, unsigned n, ipa_t ipa)
{
	for (unsigned i = 0; i < n; i++) {
		if (m[i].ipa == ipa) {
			return &m[i];
		}
	}
	return NULL;
}

static void shadow_set(struct plat_realm_vm *vm, ipa_t ipa, pa_t pa, unsigned prot)
{
	struct plat_realm_map *e;

	if (!vm->track) {
		return;
	}
	vm->s2_events++;
	e = shadow_find(vm->shadow, vm->nshadow, ipa);
	if (e == NULL) {
		if (vm->nshadow == vm->cap_shadow) {
			unsigned cap = vm->cap_shadow != 0U ? 2U * vm->cap_shadow : 64U;
			struct plat_realm_map *m = realloc(vm->shadow, cap * sizeof(*m));

			if (m == NULL) {
				vm->track = false; /* no shadow: a snapshot of it is refused */
				return;
			}
			vm->shadow = m;
			vm->cap_shadow = cap;
		}
		e = &vm->shadow[vm->nshadow++];
	}
	*e = (struct plat_realm_map){ .ipa = ipa, .pa = pa, .prot = prot };
}

static void shadow_unmap(struct plat_realm_vm *vm, ipa_t base, uint64_t size)
{
	if (!vm->track) {
		return;
	}
	vm->s2_events++;
	for (unsigned i = 0; i < vm->nshadow;) {
		if (vm->shadow[i].ipa >= base && vm->shadow[i].ipa - base < size) {
			vm->shadow[i] = vm->shadow[--vm->nshadow];
		} else {
			i++;
		}
	}
}

/*
 * Waits (the mutex released) until an engine goes idle or a change is
 * done. Any plat_realm_vm pointer the caller holds may be stale after it.
 */
static void wait_idle(struct plat_realm *pr, bool changer)
{
	pr->changers += changer ? 1U : 0U;
	pthread_cond_wait(&pr->idle, &pr->lock);
	pr->changers -= changer ? 1U : 0U;
}

static struct realm_cpu *engine_create(struct rmmsim *p, uint16_t vmid, unsigned ipa_bits)
{
	struct realm_cpu_bank banks[REALM_CPU_MAX_BANKS];
	struct realm_cpu *rc;
	char err[256];

	for (unsigned i = 0; i < p->desc.num_banks && i < REALM_CPU_MAX_BANKS; i++) {
		banks[i].pa = p->desc.banks[i].base;
		banks[i].size = p->desc.banks[i].size;
		banks[i].memfd_offset = p->bank_offset[i];
	}
	rc = realm_cpu_create(p->mem_fd, banks,
			      p->desc.num_banks < REALM_CPU_MAX_BANKS ? p->desc.num_banks
								      : REALM_CPU_MAX_BANKS,
			      ipa_bits, err, sizeof(err));
	if (rc == NULL) {
		fprintf(stderr, "rmmsim: cannot create a realm CPU of VMID %u: %s\n", vmid, err);
	}
	return rc;
}

static struct plat_realm_vm *vm_find(struct plat_realm *pr, uint16_t vmid)
{
	for (unsigned i = 0; i < PLAT_REALM_MAX_ENGINES; i++) {
		if (pr->vm[i].used && pr->vm[i].vmid == vmid) {
			return &pr->vm[i];
		}
	}
	return NULL;
}

/* Destroys the idle engines but each VMID's first; true if there was one. */
static bool vm_trim(struct plat_realm *pr)
{
	bool freed = false;

	for (unsigned v = 0; v < PLAT_REALM_MAX_ENGINES; v++) {
		struct plat_realm_vm *vm = &pr->vm[v];

		for (unsigned i = 1; vm->used && i < PLAT_REALM_REC_ENGINES; i++) {
			if (vm->rc[i] != NULL && !vm->busy[i]) {
				realm_cpu_destroy(vm->rc[i]);
				vm->rc[i] = NULL;
				freed = true;
			}
		}
	}
	return freed;
}

/*
 * The engines of @vmid, created (evicting the least recently used idle
 * VMID) if needed; may wait for runs to end (then pointers go stale, so it
 * looks again). NULL if the realm cannot be run.
 */
static struct plat_realm_vm *vm_get(struct rmmsim *p, uint16_t vmid, unsigned ipa_bits)
{
	struct plat_realm *pr = p->realm;
	struct plat_realm_vm *vm;

	for (;;) {
		vm = vm_find(pr, vmid);
		if (vm != NULL && vm->ipa_bits == ipa_bits) {
			vm->last_use = ++pr->clock;
			return vm;
		}
		if (vm != NULL && vm->num_busy == 0U) {
			vm_retire(pr, vm);
		}
		if (vm == NULL || !vm->used) {
			vm = NULL;
			for (unsigned i = 0; i < PLAT_REALM_MAX_ENGINES; i++) {
				struct plat_realm_vm *c = &pr->vm[i];

				if (!c->used) {
					vm = c;
					break;
				}
				if (c->num_busy == 0U && (vm == NULL || c->last_use < vm->last_use)) {
					vm = c;
				}
			}
		} else {
			vm = NULL; /* the old realm of this VMID still runs */
		}
		if (vm != NULL) {
			break;
		}
		wait_idle(pr, false);
	}
	if (vm->used) {
		vm_retire(pr, vm);
	}
	if (ipa_bits > REALM_CPU_MAX_IPA_BITS) {
		if (!pr->warned_ipa) {
			fprintf(stderr,
				"rmmsim: realm VMID %u has a %u-bit IPA space; the realm CPU model "
				"runs realms of at most %u bits (REC_ENTER reports RMI_EXIT_IRQ)\n",
				vmid, ipa_bits, REALM_CPU_MAX_IPA_BITS);
			pr->warned_ipa = true;
		}
		return NULL;
	}
	vm->rc[0] = engine_create(p, vmid, ipa_bits);
	if (vm->rc[0] == NULL && vm_trim(pr)) {
		/* Out of address space or memory: the other realms' extra engines make room. */
		vm->rc[0] = engine_create(p, vmid, ipa_bits);
	}
	if (vm->rc[0] == NULL) {
		return NULL;
	}
	vm->used = true;
	vm->vmid = vmid;
	vm->ipa_bits = ipa_bits;
	vm->last_use = ++pr->clock;
	vm->track = pr->track;
	vm->serial = ++pr->serial;
	return vm;
}

/*
 * An idle engine of @vm for a run, the lowest first (a second one is made
 * only when runs overlap), marked busy; -1 if the caller must wait.
 */
static int engine_take(struct rmmsim *p, struct plat_realm_vm *vm)
{
	int pick = -1;

	if (p->realm->changers != 0U) {
		return -1; /* a stage-2 change waits for the runs: let it go first */
	}
	for (unsigned i = 0; i < PLAT_REALM_REC_ENGINES && pick < 0; i++) {
		if (vm->rc[i] == NULL && !vm->no_more_engines) {
			vm->rc[i] = engine_create(p, vm->vmid, vm->ipa_bits);
			vm->no_more_engines = vm->rc[i] == NULL;
		}
		if (vm->rc[i] != NULL && !vm->busy[i]) {
			pick = (int)i;
		}
	}
	if (pick >= 0) {
		vm->busy[pick] = true;
		vm->num_busy++;
	}
	return pick;
}

static enum rmm_vcpu_exit exit_kind(enum realm_exit_kind k)
{
	switch (k) {
	case REALM_EXIT_SMC:
		return RMM_VCPU_EXIT_SMC;
	case REALM_EXIT_HVC:
		return RMM_VCPU_EXIT_HVC;
	case REALM_EXIT_DATA_ABORT:
		return RMM_VCPU_EXIT_DATA_ABORT;
	case REALM_EXIT_INSN_ABORT:
		return RMM_VCPU_EXIT_INSN_ABORT;
	case REALM_EXIT_WFI:
		return RMM_VCPU_EXIT_WFI;
	case REALM_EXIT_WFE:
		return RMM_VCPU_EXIT_WFE;
	case REALM_EXIT_SYSREG:
		return RMM_VCPU_EXIT_SYSREG;
	case REALM_EXIT_UNDEF:
		return RMM_VCPU_EXIT_UNDEF;
	case REALM_EXIT_BUDGET:
	case REALM_EXIT_TIMER: /* a realm timer or a host interrupt: a physical IRQ to R-EL2 */
		return RMM_VCPU_EXIT_IRQ;
	case REALM_EXIT_UNSUPPORTED:
	default:
		return RMM_VCPU_EXIT_ERROR;
	}
}

/*
 * While a virtual interrupt waits for PSTATE.I, the realm runs one
 * instruction at a time so that it takes the IRQ at the instruction
 * boundary where it unmasks, as the PE would (slow, but only in that state).
 */
#define VGIC_POLL_INSNS 1U

/* The native API's time base: the FVP's 100 MHz counter, the cycle model's 2.5 GHz clock. */
#define PLAT_NATIVE_CNTFRQ 100000000ULL
#define PLAT_NATIVE_CLOCK_HZ 2500000000ULL

/*
 * The count for the next realm run (issue 12). The host's view includes
 * the realm instructions already run inside this SMC (the realm hook
 * reports each run), so time only moves forward across re-entries.
 */
static void set_time(struct rmmsim *p, struct realm_cpu *rc, uint64_t used)
{
	struct plat_time pt = { 0 };
	struct realm_time t;
	unsigned __int128 ticks;

	pthread_mutex_lock(&p->realm->lock);
	if (p->time_fn != NULL) {
		p->time_fn(p->time_ctx, &pt);
	} else {
		/*
		 * No host CPU (the native API): the counter is the realm
		 * instructions run so far at the FVP's rates and CPI 1, so
		 * realm timers still fire deterministically; no host interrupt.
		 */
		pt = (struct plat_time){ .cntfrq = PLAT_NATIVE_CNTFRQ, .clock_hz = PLAT_NATIVE_CLOCK_HZ,
					 .cpi_milli = 1000U, .host_deadline = UINT64_MAX };
		pt.count = (uint64_t)(((unsigned __int128)p->realm->total_insns * pt.cntfrq) /
				      pt.clock_hz);
	}
	pthread_mutex_unlock(&p->realm->lock);
	/* Runs of this rec_run not yet reported to the host's cycle model. */
	if (pt.clock_hz != 0U && pt.now == NULL) {
		ticks = (unsigned __int128)used * pt.cpi_milli * pt.cntfrq;
		pt.count += (uint64_t)(ticks / ((unsigned __int128)1000U * pt.clock_hz));
	}
	t = (struct realm_time){ .count = pt.count, .cntfrq = pt.cntfrq, .clock_hz = pt.clock_hz,
				 .cpi_milli = pt.cpi_milli, .host_deadline = pt.host_deadline,
				 .now = pt.now, .now_ctx = pt.now_ctx };
	realm_cpu_set_time(rc, &t);
}

/* One run on @rc, which this thread holds (busy): the mutex is not held. */
static int rec_run_engine(struct rmmsim *p, struct realm_cpu *rc, struct rmm_vcpu_regs *regs,
			  struct rmm_vcpu_run *run, struct realm_exit *ex, uint64_t *usedp)
{
	uint64_t used = 0;
	int ret;

	/* RECs of one realm share the engines: each run reads its own REC's MPIDR. */
	if (run->vmpidr != 0U && realm_cpu_set_vmpidr(rc, run->vmpidr) != 0) {
		return -EIO;
	}
	for (;;) {
		uint64_t budget = run->budget - used;
		bool polling = false;

		set_time(p, rc, used);
		realm_cpu_set_pmu(rc, run->pmu_num_ctrs);
		/* The GIC signals a virtual IRQ the realm can take now. */
		if (vgic_deliver(run->gic, regs) == VGIC_MASKED && budget > VGIC_POLL_INSNS) {
			/* Masked: check again soon, as the PE would the moment PSTATE.I clears. */
			budget = VGIC_POLL_INSNS;
			polling = true;
		}
		ret = realm_cpu_run(rc, regs, budget, run->trap_wfi, run->trap_wfe, ex);
		if (ret != 0) {
			return ret;
		}
		used += ex->insns;
		if (used < run->budget &&
		    ((ex->kind == REALM_EXIT_BUDGET && polling) ||
		     (ex->kind == REALM_EXIT_SYSREG && vgic_sysreg(run->gic, regs, ex->esr)))) {
			continue;
		}
		if (ex->kind == REALM_EXIT_SYSREG && used >= run->budget &&
		    vgic_sysreg(run->gic, regs, ex->esr)) {
			ex->kind = REALM_EXIT_BUDGET;
		}
		break;
	}
	*usedp = used;
	return 0;
}

static int plat_rec_run(void *ctx, struct rmm_vcpu_regs *regs, struct rmm_vcpu_run *run)
{
	struct rmmsim *p = ctx;
	struct plat_realm *pr = p->realm;
	struct plat_realm_vm *vm;
	struct realm_exit ex;
	uint64_t used = 0;
	int ret, e;

	pthread_mutex_lock(&pr->lock);
	for (;;) {
		vm = vm_get(p, run->vmid, run->ipa_bits);
		if (vm == NULL) {
			pthread_mutex_unlock(&pr->lock);
			return -ENOTSUP;
		}
		if ((e = engine_take(p, vm)) >= 0) {
			break;
		}
		wait_idle(pr, false);
	}
	pthread_mutex_unlock(&pr->lock);
	/* Busy: the VMID's slot and this engine stay put until it is given back. */
	ret = rec_run_engine(p, vm->rc[e], regs, run, &ex, &used);
	pthread_mutex_lock(&pr->lock);
	vm->busy[e] = false;
	vm->num_busy--;
	pthread_cond_broadcast(&pr->idle);
	if (ret != 0) {
		pthread_mutex_unlock(&pr->lock);
		return ret;
	}
	if (run->gic != NULL) {
		vgic_update_misr(run->gic);
	}
	if (ex.kind == REALM_EXIT_UNSUPPORTED && !vm->warned_unsupported) {
		/* CHOICE(pe-error): the REC exits with RMI_EXIT_IRQ; say why, once. */
		fprintf(stderr,
			"rmmsim: realm VMID %u: the realm CPU cannot model exception %u at PC 0x%llx "
			"(REC_ENTER reports RMI_EXIT_IRQ; docs/realm-execution.md \"Limits\")\n",
			run->vmid, ex.intno, (unsigned long long)regs->pc);
		vm->warned_unsupported = true;
	}
	run->exit = exit_kind(ex.kind);
	run->esr = ex.esr;
	run->far = ex.far;
	run->hpfar = ex.hpfar;
	run->ipa = ex.ipa;
	run->insns = used;
	__atomic_fetch_add(&pr->total_insns, used, __ATOMIC_RELAXED);
	if (p->realm_hook != NULL) {
		p->realm_hook(p->realm_hook_ctx, run->vmid, regs, run);
	}
	pthread_mutex_unlock(&pr->lock);
	return 0;
}

static bool pa_is_ns(struct rmmsim *p, pa_t pa)
{
	return gpt_get_gpi(p->gpt, pa) == GPT_GPI_NS;
}

/*
 * The engines of @vmid with none of them running, waiting for the runs in
 * progress (no new one starts meanwhile); NULL if the VMID has none.
 */
static struct plat_realm_vm *vm_quiesce(struct plat_realm *pr, uint16_t vmid)
{
	struct plat_realm_vm *vm;

	while ((vm = vm_find(pr, vmid)) != NULL && vm->num_busy != 0U) {
		wait_idle(pr, true);
	}
	return vm;
}

/* Empties [base, base + size) of every engine of @vm (none running). */
static void vm_unmap_engines(struct plat_realm_vm *vm, ipa_t base, uint64_t size)
{
	shadow_unmap(vm, base, size);
	for (unsigned e = 0; e < PLAT_REALM_REC_ENGINES; e++) {
		if (vm->rc[e] != NULL) {
			(void)realm_cpu_unmap(vm->rc[e], base, size);
		}
	}
}

static int s2_map_locked(struct rmmsim *p, uint16_t vmid, unsigned ipa_bits, ipa_t ipa, pa_t pa,
			 unsigned prot)
{
	struct plat_realm_vm *vm;
	unsigned rprot = 0;
	unsigned h = ipa >= (1ULL << (ipa_bits - 1U)) ? 1U : 0U;
	int ret = 0;

	for (;;) {
		vm = vm_get(p, vmid, ipa_bits);
		if (vm == NULL) {
			return -ENOTSUP;
		}
		/* A full NS list is emptied from every engine: wait until none runs. */
		if (h == 0U || vm->num_ns < PLAT_REALM_MAX_NS_MAPS || vm->num_busy == 0U) {
			break;
		}
		wait_idle(p->realm, true);
	}
	rprot |= (prot & RMM_S2_R) != 0U ? REALM_PROT_R : 0U;
	rprot |= (prot & RMM_S2_W) != 0U ? REALM_PROT_W : 0U;
	rprot |= (prot & RMM_S2_X) != 0U ? REALM_PROT_X : 0U;
	if (vm->mapped[h].lo >= vm->mapped[h].hi) {
		vm->mapped[h].lo = ipa;
		vm->mapped[h].hi = ipa + REALM_CPU_PAGE_SIZE;
	} else {
		vm->mapped[h].lo = ipa < vm->mapped[h].lo ? ipa : vm->mapped[h].lo;
		vm->mapped[h].hi = ipa + REALM_CPU_PAGE_SIZE > vm->mapped[h].hi
					   ? ipa + REALM_CPU_PAGE_SIZE
					   : vm->mapped[h].hi;
	}
	if (h == 1U) {
		/* An Unprotected page: remember it so delegation of the granule unmaps it. */
		if (vm->num_ns == PLAT_REALM_MAX_NS_MAPS) {
			for (unsigned i = 0; i < vm->num_ns; i++) {
				vm_unmap_engines(vm, vm->ns[i].ipa, REALM_CPU_PAGE_SIZE);
			}
			vm->num_ns = 0;
		}
		vm->ns[vm->num_ns].ipa = ipa;
		vm->ns[vm->num_ns].pa = pa;
		vm->num_ns++;
	}
	/*
	 * Fill the idle engines only: a running one is not touched from this
	 * thread; if it needs the page it faults and the RMM fills it again.
	 */
	if ((rprot & REALM_PROT_W) != 0U) {
		/* The realm's stores reach the granule from now on (snapshot log, plat_snap.c). */
		plat_snap_note(p, pa);
	}
	shadow_set(vm, ipa, pa, rprot);
	for (unsigned e = 0; e < PLAT_REALM_REC_ENGINES; e++) {
		if (vm->rc[e] != NULL && !vm->busy[e]) {
			int r = realm_cpu_map(vm->rc[e], ipa, pa, REALM_CPU_PAGE_SIZE, rprot);

			ret = ret != 0 ? ret : r;
		}
	}
	return ret;
}

static int plat_s2_map(void *ctx, uint16_t vmid, unsigned ipa_bits, ipa_t ipa, pa_t pa,
		       unsigned prot)
{
	struct rmmsim *p = ctx;
	int ret;

	pthread_mutex_lock(&p->realm->lock);
	ret = s2_map_locked(p, vmid, ipa_bits, ipa, pa, prot);
	pthread_mutex_unlock(&p->realm->lock);
	return ret;
}

/* Empties [base, base + size) of the engines and forgets the Unprotected pages in it. */
static void vm_unmap(struct plat_realm_vm *vm, ipa_t base, uint64_t size)
{
	vm_unmap_engines(vm, base, size);
	for (unsigned i = 0; i < vm->num_ns;) {
		if (vm->ns[i].ipa >= base && vm->ns[i].ipa - base < size) {
			vm->ns[i] = vm->ns[--vm->num_ns];
		} else {
			i++;
		}
	}
}

static void s2_changed_locked(struct rmmsim *p, uint16_t vmid, ipa_t base, uint64_t size)
{
	struct plat_realm_vm *vm;

	/* A TLBI's DSB: every engine of the realm, after the runs in progress. */
	if ((vm = vm_quiesce(p->realm, vmid)) == NULL) {
		return;
	}
	if (base == 0U && size >= (1ULL << vm->ipa_bits)) {
		/* The whole IPA space: the realm is gone (REALM_DESTROY). */
		vm_retire(p->realm, vm);
		return;
	}
	/* Only what can be mapped: the intersection with each half's [lo, hi). */
	if (size > UINT64_MAX - base) {
		size = UINT64_MAX - base;
	}
	for (unsigned h = 0; h < 2U; h++) {
		ipa_t lo = base > vm->mapped[h].lo ? base : vm->mapped[h].lo;
		ipa_t hi = base + size < vm->mapped[h].hi ? base + size : vm->mapped[h].hi;

		if (lo < hi) {
			vm_unmap(vm, lo, hi - lo);
		}
	}
}

void plat_realm_s2_changed(struct rmmsim *p, uint16_t vmid, ipa_t base, uint64_t size)
{
	if (p->realm == NULL) {
		return;
	}
	pthread_mutex_lock(&p->realm->lock);
	s2_changed_locked(p, vmid, base, size);
	pthread_cond_broadcast(&p->realm->idle);
	pthread_mutex_unlock(&p->realm->lock);
}

static bool vm_maps_ns_pa(const struct plat_realm_vm *vm, pa_t pa)
{
	for (unsigned i = 0; vm->used && i < vm->num_ns; i++) {
		if ((vm->ns[i].pa & ~(pa_t)(GRANULE_SIZE - 1U)) == pa) {
			return true;
		}
	}
	return false;
}

void plat_realm_pas_changed(struct rmmsim *p, pa_t pa)
{
	if (p->realm == NULL || pa_is_ns(p, pa)) {
		return;
	}
	pthread_mutex_lock(&p->realm->lock);
	for (unsigned v = 0; v < PLAT_REALM_MAX_ENGINES; v++) {
		struct plat_realm_vm *vm = &p->realm->vm[v];

		if (!vm_maps_ns_pa(vm, pa)) {
			continue;
		}
		if (vm->num_busy != 0U) {
			/* Wait for its runs, then look at every VMID again (slots may move). */
			wait_idle(p->realm, true);
			v = (unsigned)-1; /* the loop's v++ starts again at 0 */
			continue;
		}
		for (unsigned i = 0; i < vm->num_ns;) {
			if ((vm->ns[i].pa & ~(pa_t)(GRANULE_SIZE - 1U)) == pa) {
				vm_unmap_engines(vm, vm->ns[i].ipa, REALM_CPU_PAGE_SIZE);
				vm->ns[i] = vm->ns[--vm->num_ns];
			} else {
				i++;
			}
		}
	}
	pthread_cond_broadcast(&p->realm->idle);
	pthread_mutex_unlock(&p->realm->lock);
}

int plat_realm_init(struct rmmsim *p, struct rmm_plat *ops, char *err, size_t err_len)
{
	p->realm = calloc(1, sizeof(*p->realm));
	if (p->realm == NULL) {
		snprintf(err, err_len, "out of memory");
		return -1;
	}
	pthread_mutex_init(&p->realm->lock, NULL);
	pthread_cond_init(&p->realm->idle, NULL);
	ops->rec_run = plat_rec_run;
	ops->s2_map = plat_s2_map;
	return 0;
}

void plat_realm_fini(struct rmmsim *p)
{
	if (p->realm == NULL) {
		return;
	}
	plat_realm_snap_drop(p);
	for (unsigned i = 0; i < PLAT_REALM_MAX_ENGINES; i++) {
		if (p->realm->vm[i].used) {
			vm_drop(&p->realm->vm[i]);
		}
	}
	pthread_cond_destroy(&p->realm->idle);
	pthread_mutex_destroy(&p->realm->lock);
	free(p->realm);
	p->realm = NULL;
}

uint64_t plat_realm_total_insns(const struct rmmsim *p)
{
	return p->realm != NULL ? __atomic_load_n(&p->realm->total_insns, __ATOMIC_RELAXED) : 0U;
}

/* --- snapshots (plat_snap.c) --------------------------------------------- */

struct plat_realm_snap {
	struct plat_realm_vm vm[PLAT_REALM_MAX_ENGINES]; /* shadow: own copies */
	struct realm_cpu_state *cpu[PLAT_REALM_MAX_ENGINES];
	/* The snapshot's engine of a slot, retired since (nothing mapped). */
	struct realm_cpu *parked[PLAT_REALM_MAX_ENGINES];
	uint64_t clock, total_insns;
};

static bool snap_park(struct plat_realm *pr, struct plat_realm_vm *vm)
{
	struct plat_realm_snap *s = pr->snap;
	unsigned v = (unsigned)(vm - pr->vm);

	if (s == NULL || !s->vm[v].used || s->vm[v].serial != vm->serial || s->parked[v] != NULL ||
	    vm->num_busy != 0U || vm->rc[1] != NULL || vm->rc[2] != NULL || vm->rc[3] != NULL) {
		return false;
	}
	/* Empty, as a new engine would be: every page it maps goes (the shadow has them all). */
	for (unsigned i = 0; i < vm->nshadow; i++) {
		if (realm_cpu_unmap(vm->rc[0], vm->shadow[i].ipa, REALM_CPU_PAGE_SIZE) != 0) {
			return false;
		}
	}
	s->parked[v] = vm->rc[0];
	vm->rc[0] = NULL;
	vm_drop(vm);
	return true;
}

void plat_realm_track(struct rmmsim *p)
{
	if (p->realm != NULL) {
		p->realm->track = true;
	}
}

void plat_realm_snap_drop(struct rmmsim *p)
{
	struct plat_realm_snap *s = p->realm != NULL ? p->realm->snap : NULL;

	if (s == NULL) {
		return;
	}
	for (unsigned v = 0; v < PLAT_REALM_MAX_ENGINES; v++) {
		free(s->vm[v].shadow);
		realm_cpu_state_free(s->cpu[v]);
		realm_cpu_destroy(s->parked[v]);
	}
	free(s);
	p->realm->snap = NULL;
}

int plat_realm_snap_take(struct rmmsim *p, char *err, size_t err_len)
{
	struct plat_realm *pr = p->realm;
	struct plat_realm_snap *s;

	if (pr == NULL || pr->snap != NULL) {
		snprintf(err, err_len, "no realm execution, or a snapshot exists");
		return -1;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		snprintf(err, err_len, "out of memory");
		return -1;
	}
	pr->snap = s;
	for (unsigned v = 0; v < PLAT_REALM_MAX_ENGINES; v++) {
		const struct plat_realm_vm *vm = &pr->vm[v];

		if (!vm->used) {
			continue;
		}
		if (!vm->track || vm->num_busy != 0U || vm->rc[1] != NULL || vm->rc[2] != NULL ||
		    vm->rc[3] != NULL) {
			snprintf(err, err_len, "realm VMID %u: no stage-2 shadow, or more than one engine",
				 vm->vmid);
			plat_realm_snap_drop(p);
			return -1;
		}
		s->vm[v] = *vm;
		s->vm[v].shadow = malloc((vm->nshadow + 1U) * sizeof(*vm->shadow));
		s->cpu[v] = realm_cpu_state_save(vm->rc[0]);
		if (s->vm[v].shadow == NULL || s->cpu[v] == NULL) {
			snprintf(err, err_len, "out of memory");
			plat_realm_snap_drop(p);
			return -1;
		}
		memcpy(s->vm[v].shadow, vm->shadow, vm->nshadow * sizeof(*vm->shadow));
		s->vm[v].cap_shadow = vm->nshadow;
		pr->vm[v].s2_events = 0;
	}
	s->clock = pr->clock;
	s->total_insns = pr->total_insns;
	return 0;
}

static bool map_equal(const struct plat_realm_map *a, const struct plat_realm_map *b)
{
	return b != NULL && a->pa == b->pa && a->prot == b->prot;
}

/* The engine's stage 2 back to the snapshot's: only the pages that differ. */
static int vm_rewind_s2(struct plat_realm_vm *vm, const struct plat_realm_vm *sv)
{
	struct realm_cpu *rc = vm->rc[0];
	int ret = 0;

	for (unsigned i = 0; i < vm->nshadow; i++) {
		const struct plat_realm_map *e = &vm->shadow[i];

		if (!map_equal(e, shadow_find(sv->shadow, sv->nshadow, e->ipa))) {
			ret = ret != 0 ? ret : realm_cpu_unmap(rc, e->ipa, REALM_CPU_PAGE_SIZE);
		}
	}
	for (unsigned i = 0; i < sv->nshadow; i++) {
		const struct plat_realm_map *e = &sv->shadow[i];

		if (!map_equal(e, shadow_find(vm->shadow, vm->nshadow, e->ipa))) {
			ret = ret != 0 ? ret
				       : realm_cpu_map(rc, e->ipa, e->pa, REALM_CPU_PAGE_SIZE, e->prot);
		}
	}
	if (vm->cap_shadow < sv->nshadow) {
		struct plat_realm_map *m = realloc(vm->shadow, (sv->nshadow + 1U) * sizeof(*m));

		if (m == NULL) {
			return -1;
		}
		vm->shadow = m;
		vm->cap_shadow = sv->nshadow + 1U;
	}
	memcpy(vm->shadow, sv->shadow, sv->nshadow * sizeof(*vm->shadow));
	vm->nshadow = sv->nshadow;
	return ret;
}

int plat_realm_snap_rewind(struct rmmsim *p, const pa_t *changed, unsigned n)
{
	struct plat_realm *pr = p->realm;
	struct plat_realm_snap *s = pr != NULL ? pr->snap : NULL;

	if (s == NULL) {
		return -1;
	}
	for (unsigned v = 0; v < PLAT_REALM_MAX_ENGINES; v++) {
		struct plat_realm_vm *vm = &pr->vm[v];
		const struct plat_realm_vm *sv = &s->vm[v];
		struct plat_realm_map *shadow;
		unsigned nshadow, cap;

		if (!sv->used) {
			if (vm->used) {
				vm_drop(vm); /* a realm the snapshot did not have: its cache goes */
			}
			continue;
		}
		if (s->parked[v] != NULL) {
			/* The snapshot's engine was retired (REALM_DESTROY): back in its slot, empty. */
			if (vm->used) {
				vm_drop(vm);
			}
			*vm = *sv;
			vm->rc[0] = s->parked[v];
			s->parked[v] = NULL;
			vm->shadow = NULL;
			vm->nshadow = 0;
			vm->cap_shadow = 0;
			vm->s2_events = 1;
		}
		if (!vm->used || vm->serial != sv->serial || !vm->track || vm->num_busy != 0U ||
		    vm->rc[1] != NULL || vm->rc[2] != NULL || vm->rc[3] != NULL) {
			return -1; /* the engine was dropped or others were made */
		}
		if (vm->s2_events != 0U && vm_rewind_s2(vm, sv) != 0) {
			return -1;
		}
		if (realm_cpu_state_restore(vm->rc[0], s->cpu[v]) != 0) {
			return -1;
		}
		shadow = vm->shadow;
		nshadow = vm->nshadow;
		cap = vm->cap_shadow;
		*vm = *sv;
		vm->shadow = shadow;
		vm->nshadow = nshadow;
		vm->cap_shadow = cap;
		vm->s2_events = 0;
		/* Restored bytes of a page still mapped: its translated code is stale. */
		for (unsigned k = 0; k < n; k++) {
			for (unsigned i = 0; i < vm->nshadow; i++) {
				if (vm->shadow[i].pa == changed[k]) {
					(void)realm_cpu_sync_code(vm->rc[0], vm->shadow[i].ipa,
								  REALM_CPU_PAGE_SIZE);
				}
			}
		}
	}
	pr->clock = s->clock;
	pr->total_insns = s->total_insns;
	return 0;
}

void plat_realm_touch_writable(struct rmmsim *p)
{
	struct plat_realm *pr = p->realm;

	for (unsigned v = 0; pr != NULL && v < PLAT_REALM_MAX_ENGINES; v++) {
		const struct plat_realm_vm *vm = &pr->vm[v];

		for (unsigned i = 0; vm->used && i < vm->nshadow; i++) {
			if ((vm->shadow[i].prot & REALM_PROT_W) != 0U) {
				plat_snap_note(p, vm->shadow[i].pa);
			}
		}
	}
}
