/* SPDX-License-Identifier: BSD-3-Clause */
/* Subcommands of the rmmsim executable. Each returns the process exit code (docs/exit-codes.md). */
#ifndef SIM_CLI_H
#define SIM_CLI_H

/* `rmmsim` with no subcommand: the built-in default scenario. */
int cli_default(int argc, char **argv);
/* `rmmsim native [--platform FILE]`: RMI calls through the native API only. */
int cli_native(int argc, char **argv);
/* `rmmsim run [options] PAYLOAD` */
int cli_run(int argc, char **argv);
/* `rmmsim conform [--json FILE] [--junit FILE]` */
int cli_conform(int argc, char **argv);

#endif /* SIM_CLI_H */
