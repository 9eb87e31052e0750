/* SPDX-License-Identifier: BSD-3-Clause */
/* Subcommands of the rmmsim executable. Each returns the process exit code (docs/exit-codes.md). */
#ifndef SIM_CLI_H
#define SIM_CLI_H

/* `rmmsim` with no subcommand: the built-in default scenario. */
int cli_default(int argc, char **argv);
/* `rmmsim native [--platform FILE]`: RMI calls through the native API only. */
int cli_native(int argc, char **argv);
/* `rmmsim native --seq FILE [--seq-out FILE]` (cli_seq.c): replays a sequence. */
struct rmmsim_options;
int cli_native_seq(const struct rmmsim_options *opt, const char *path, const char *out_path);
/* `rmmsim run [options] PAYLOAD` */
int cli_run(int argc, char **argv);
/* issue 13 (cli_pe.c): the cpus node into the CPU's PE list; EL3 PSCI onto the PEs. */
struct rmmsim;
struct cpu;
struct cpu_platform;
void cli_pe_describe(const struct rmmsim *p, struct cpu_platform *cp);
int cli_pe_attach(struct rmmsim *p, struct cpu *cpu);
/* `rmmsim conform [--json FILE] [--junit FILE]` */
int cli_conform(int argc, char **argv);

/* RMMSIM_SIP_TOKEN handler (cli_token.c): verifies and prints a token, @ctx = FILE *. */
#include <stddef.h>
#include <stdint.h>
int cli_token_report(void *ctx, const uint8_t *token, size_t len);
extern const char *cli_token_out;  /* --token-out FILE, or NULL */
extern int cli_token_verdict;      /* 0 none seen, 1 verified, -1 rejected */

#endif /* SIM_CLI_H */
