/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linux_v12: the RMI call sequence of the Linux KVM CCA host (v12 series),
 * run from NS-EL2, kept modest: RMI support check at KVM init (RMI_VERSION,
 * RMI_FEATURES), realm creation from the features (RD, start-level RTT,
 * REALM_CREATE), population of a small image (RTT_CREATE down to level 3,
 * RTT_INIT_RIPAS, DATA_CREATE per page), vCPU creation (REC_AUX_COUNT,
 * REC_CREATE), REALM_ACTIVATE, one REC_ENTER of a realm that calls PSCI
 * SYSTEM_OFF, then KVM's teardown order. Every status is printed; the exit
 * status is the number of unexpected results.
 */
#include "rmi.h"
#include "sdk.h"

#define IMAGE_PAGES 4U
#define IPA_BITS 39U
#define START_LEVEL 1

static unsigned failures;

static uint64_t call(const char *what, uint64_t r)
{
	sdk_printf("  %-34s -> %u", what, RMI_STATUS(r));
	if (RMI_INDEX(r))
		sdk_printf(" (index %u)", RMI_INDEX(r));
	sdk_printf("\n");
	if (RMI_STATUS(r) != RMI_SUCCESS)
		failures++;
	return r;
}

static uint64_t delegate(void)
{
	uint64_t g = sdk_alloc_granule();

	call("RMI_GRANULE_DELEGATE", rmi_granule_delegate(g, 0));
	return g;
}

static void set64(uint64_t base, uint64_t off, uint64_t v)
{
	*(volatile uint64_t *)(base + off) = v;
}

int main(void)
{
	static const uint32_t realm_code[] = {
		0xD2800100, /* mov  x0, #0x8 */
		0xF2B08000, /* movk x0, #0x8400, lsl #16: PSCI_SYSTEM_OFF */
		0xD4000003, /* smc  #0 */
		0x14000000, /* b    . */
	};
	struct rmi_out o;
	uint64_t rd, rtt1, rtt2, rtt3, rec, params, rparams, run, src;
	uint64_t data[IMAGE_PAGES], aux[16];
	uint64_t feat0, num_aux = 0;

	sdk_printf("linux_v12: KVM CCA host sequence\n");
	/* kvm_init_rmi(): the RMM must speak RMI 1.0. */
	call("RMI_VERSION", rmi_version(RMI_ABI_VERSION, &o));
	call("RMI_FEATURES 0", rmi_features(0, &o));
	feat0 = o.x[1];
	sdk_printf("  feature register 0: %lx (S2SZ %lu)\n", (unsigned long)feat0,
		   (unsigned long)(feat0 & 0xFF));

	/* kvm_create_realm(): RD, starting-level RTT, parameters. */
	rd = delegate();
	rtt1 = delegate();
	params = sdk_alloc_granule();
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_S2SZ_OFFSET) = IPA_BITS;
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_HASH_ALGO_OFFSET) = RMI_HASH_SHA_256;
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_NUM_BPS_OFFSET) = 2;
	*(volatile uint8_t *)(params + RMI_REALM_PARAMS_NUM_WPS_OFFSET) = 2;
	*(volatile uint16_t *)(params + RMI_REALM_PARAMS_VMID_OFFSET) = 1;
	set64(params, RMI_REALM_PARAMS_RTT_BASE_OFFSET, rtt1);
	set64(params, RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET, START_LEVEL);
	*(volatile uint32_t *)(params + RMI_REALM_PARAMS_RTT_NUM_START_OFFSET) = 1;
	call("RMI_REALM_CREATE", rmi_realm_create(rd, params, 0));
	call("RMI_REC_AUX_COUNT", rmi_rec_aux_count(rd, &o));
	num_aux = o.x[1] <= 16 ? o.x[1] : 0;

	/* KVM_CAP_ARM_RME_POPULATE_REALM: tables, RIPAS, measured data. */
	rtt2 = delegate();
	call("RMI_RTT_CREATE level 2", rmi_rtt_create(rd, rtt2, 0, 2, 0));
	rtt3 = delegate();
	call("RMI_RTT_CREATE level 3", rmi_rtt_create(rd, rtt3, 0, 3, 0));
	call("RMI_RTT_INIT_RIPAS", rmi_rtt_init_ripas(rd, 0, IMAGE_PAGES * SDK_GRANULE, &o));
	src = sdk_alloc_granule();
	sdk_memcpy((void *)(uintptr_t)src, realm_code, sizeof(realm_code));
	for (unsigned i = 0; i < IMAGE_PAGES; i++) {
		data[i] = delegate();
		call("RMI_DATA_CREATE",
		     rmi_data_create(rd, data[i], i * SDK_GRANULE, src, RMI_MEASURE_CONTENT, 0));
	}

	/* kvm_create_rec(): vCPU 0 at IPA 0. */
	rec = delegate();
	for (unsigned i = 0; i < num_aux; i++)
		aux[i] = delegate();
	rparams = sdk_alloc_granule();
	set64(rparams, RMI_REC_PARAMS_FLAGS_OFFSET, RMI_RUNNABLE);
	set64(rparams, RMI_REC_PARAMS_PC_OFFSET, 0);
	set64(rparams, RMI_REC_PARAMS_NUM_AUX_OFFSET, num_aux);
	for (unsigned i = 0; i < num_aux; i++)
		set64(rparams, RMI_REC_PARAMS_AUX_OFFSET + 8 * i, aux[i]);
	call("RMI_REC_CREATE", rmi_rec_create(rd, rec, rparams, 0));
	call("RMI_REALM_ACTIVATE", rmi_realm_activate(rd, 0));

	/* kvm_rec_enter(): runs until the realm's PSCI SYSTEM_OFF. */
	run = sdk_alloc_granule();
	call("RMI_REC_ENTER", rmi_rec_enter(rec, run, 0));
	sdk_printf("  REC exit reason %lu (PSCI = %u)\n",
		   (unsigned long)sdk_read64(run + RMI_REC_RUN_EXIT_REASON_OFFSET),
		   (unsigned)RMI_EXIT_PSCI);

	/* kvm_destroy_realm(): RECs, data, tables bottom-up, RD, undelegate. */
	call("RMI_REC_DESTROY", rmi_rec_destroy(rec, 0));
	for (unsigned i = 0; i < IMAGE_PAGES; i++)
		call("RMI_DATA_DESTROY", rmi_data_destroy(rd, i * SDK_GRANULE, &o));
	call("RMI_RTT_DESTROY level 3", rmi_rtt_destroy(rd, 0, 3, &o));
	call("RMI_RTT_DESTROY level 2", rmi_rtt_destroy(rd, 0, 2, &o));
	call("RMI_REALM_DESTROY", rmi_realm_destroy(rd, 0));
	call("RMI_GRANULE_UNDELEGATE rec", rmi_granule_undelegate(rec, 0));
	for (unsigned i = 0; i < num_aux; i++)
		call("RMI_GRANULE_UNDELEGATE aux", rmi_granule_undelegate(aux[i], 0));
	for (unsigned i = 0; i < IMAGE_PAGES; i++)
		call("RMI_GRANULE_UNDELEGATE data", rmi_granule_undelegate(data[i], 0));
	call("RMI_GRANULE_UNDELEGATE rtt3", rmi_granule_undelegate(rtt3, 0));
	call("RMI_GRANULE_UNDELEGATE rtt2", rmi_granule_undelegate(rtt2, 0));
	call("RMI_GRANULE_UNDELEGATE rtt1", rmi_granule_undelegate(rtt1, 0));
	call("RMI_GRANULE_UNDELEGATE rd", rmi_granule_undelegate(rd, 0));
	sdk_printf("linux_v12: %u unexpected result(s)\n", failures);
	return (int)failures;
}
