/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * demo: the life of a realm seen from the host, one RMI call per step:
 * delegate granules, create a realm (RD + RTTs), populate it with
 * DATA_CREATE, create a REC, activate, then destroy everything and
 * undelegate. Each call's status is printed; a failing step does not stop
 * the demo (the teardown still runs). Exit status = number of failures.
 */
#include "rmi.h"
#include "sdk.h"

#define IPA_BITS 39
#define RTT_START_LEVEL 1
#define DATA_IPA 0x0UL

static unsigned failures;

static const char *status_name(uint64_t r)
{
	static const char *const names[] = { "RMI_SUCCESS", "RMI_ERROR_INPUT", "RMI_ERROR_REALM",
					     "RMI_ERROR_REC", "RMI_ERROR_RTT" };

	return RMI_STATUS(r) < 5 ? names[RMI_STATUS(r)] : "RMI_ERROR_?";
}

static uint64_t step(const char *what, uint64_t r)
{
	sdk_printf("  %-40s -> %s", what, status_name(r));
	if (RMI_INDEX(r))
		sdk_printf(" (index %u)", RMI_INDEX(r));
	sdk_printf("\n");
	if (RMI_STATUS(r) != RMI_SUCCESS)
		failures++;
	return r;
}

static uint64_t delegated(const char *what)
{
	uint64_t g = sdk_alloc_granule();

	uint64_t r = rmi_granule_delegate(g, 0);

	sdk_printf("  RMI_GRANULE_DELEGATE %-13s %lx -> %s\n", what, (unsigned long)g,
		   status_name(r));
	if (RMI_STATUS(r) != RMI_SUCCESS)
		failures++;
	return g;
}

static void put(uint64_t base, uint64_t off, uint64_t val, unsigned size)
{
	if (size == 8)
		*(volatile uint64_t *)(base + off) = val;
	else if (size == 4)
		*(volatile uint32_t *)(base + off) = (uint32_t)val;
	else if (size == 2)
		*(volatile uint16_t *)(base + off) = (uint16_t)val;
	else
		*(volatile uint8_t *)(base + off) = (uint8_t)val;
}

int main(void)
{
	struct rmi_out o;
	uint64_t rd, rtt0, rtt2, rtt3, data, rec, src, params, rparams, aux[16] = { 0 };
	uint64_t num_aux = 0;

	sdk_printf("rmmsim demo: a realm's life from NS-EL2\n");
	step("RMI_VERSION 1.0", rmi_version(RMI_ABI_VERSION, &o));
	sdk_printf("  RMM interface versions: lower %lx higher %lx\n", (unsigned long)o.x[1],
		   (unsigned long)o.x[2]);
	step("RMI_FEATURES 0", rmi_features(0, &o));
	sdk_printf("  RmiFeatureRegister0 = %lx\n", (unsigned long)o.x[1]);

	rd = delegated("RD");
	rtt0 = delegated("RTT level 1");
	rtt2 = delegated("RTT level 2");
	rtt3 = delegated("RTT level 3");
	data = delegated("DATA");
	rec = delegated("REC");

	params = sdk_alloc_granule();
	put(params, RMI_REALM_PARAMS_S2SZ_OFFSET, IPA_BITS, RMI_REALM_PARAMS_S2SZ_SIZE);
	put(params, RMI_REALM_PARAMS_HASH_ALGO_OFFSET, RMI_HASH_SHA_256,
	    RMI_REALM_PARAMS_HASH_ALGO_SIZE);
	put(params, RMI_REALM_PARAMS_NUM_BPS_OFFSET, 2, RMI_REALM_PARAMS_NUM_BPS_SIZE);
	put(params, RMI_REALM_PARAMS_NUM_WPS_OFFSET, 2, RMI_REALM_PARAMS_NUM_WPS_SIZE);
	put(params, RMI_REALM_PARAMS_VMID_OFFSET, 1, RMI_REALM_PARAMS_VMID_SIZE);
	put(params, RMI_REALM_PARAMS_RTT_BASE_OFFSET, rtt0, RMI_REALM_PARAMS_RTT_BASE_SIZE);
	put(params, RMI_REALM_PARAMS_RTT_LEVEL_START_OFFSET, RTT_START_LEVEL,
	    RMI_REALM_PARAMS_RTT_LEVEL_START_SIZE);
	put(params, RMI_REALM_PARAMS_RTT_NUM_START_OFFSET, 1, RMI_REALM_PARAMS_RTT_NUM_START_SIZE);
	step("RMI_REALM_CREATE", rmi_realm_create(rd, params, 0));

	step("RMI_RTT_CREATE level 2 at IPA 0", rmi_rtt_create(rd, rtt2, DATA_IPA, 2, 0));
	step("RMI_RTT_CREATE level 3 at IPA 0", rmi_rtt_create(rd, rtt3, DATA_IPA, 3, 0));
	step("RMI_RTT_INIT_RIPAS [0, 0x2000)", rmi_rtt_init_ripas(rd, DATA_IPA, 0x2000, &o));

	src = sdk_alloc_granule();
	for (unsigned i = 0; i < 64; i++)
		put(src, i * 8, 0xD503201F00000000ULL | i, 8); /* recognisable image */
	step("RMI_DATA_CREATE IPA 0 (measured)",
	     rmi_data_create(rd, data, DATA_IPA, src, RMI_MEASURE_CONTENT, 0));

	step("RMI_REC_AUX_COUNT", rmi_rec_aux_count(rd, &o));
	num_aux = RMI_STATUS(o.x[0]) == RMI_SUCCESS && o.x[1] <= 16 ? o.x[1] : 0;
	sdk_printf("  REC auxiliary granules: %lu\n", (unsigned long)num_aux);
	for (unsigned i = 0; i < num_aux; i++)
		aux[i] = delegated("REC aux");
	rparams = sdk_alloc_granule();
	put(rparams, RMI_REC_PARAMS_FLAGS_OFFSET, RMI_RUNNABLE, 8);
	put(rparams, RMI_REC_PARAMS_PC_OFFSET, DATA_IPA, 8);
	put(rparams, RMI_REC_PARAMS_NUM_AUX_OFFSET, num_aux, 8);
	for (unsigned i = 0; i < num_aux; i++)
		put(rparams, RMI_REC_PARAMS_AUX_OFFSET + 8 * i, aux[i], 8);
	step("RMI_REC_CREATE", rmi_rec_create(rd, rec, rparams, 0));
	step("RMI_REALM_ACTIVATE", rmi_realm_activate(rd, 0));

	sdk_printf("teardown\n");
	step("RMI_REC_DESTROY", rmi_rec_destroy(rec, 0));
	step("RMI_DATA_DESTROY IPA 0", rmi_data_destroy(rd, DATA_IPA, 0));
	step("RMI_RTT_DESTROY level 3", rmi_rtt_destroy(rd, DATA_IPA, 3, 0));
	step("RMI_RTT_DESTROY level 2", rmi_rtt_destroy(rd, DATA_IPA, 2, 0));
	step("RMI_REALM_DESTROY", rmi_realm_destroy(rd, 0));
	step("RMI_GRANULE_UNDELEGATE REC", rmi_granule_undelegate(rec, 0));
	for (unsigned i = 0; i < num_aux; i++)
		step("RMI_GRANULE_UNDELEGATE REC aux", rmi_granule_undelegate(aux[i], 0));
	step("RMI_GRANULE_UNDELEGATE DATA", rmi_granule_undelegate(data, 0));
	step("RMI_GRANULE_UNDELEGATE RTT level 3", rmi_granule_undelegate(rtt3, 0));
	step("RMI_GRANULE_UNDELEGATE RTT level 2", rmi_granule_undelegate(rtt2, 0));
	step("RMI_GRANULE_UNDELEGATE RTT level 1", rmi_granule_undelegate(rtt0, 0));
	step("RMI_GRANULE_UNDELEGATE RD", rmi_granule_undelegate(rd, 0));
	sdk_printf("demo: %u step(s) failed\n", failures);
	return (int)failures;
}
