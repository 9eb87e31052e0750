/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI call sequences (sim/src/seq, docs/sequences.md) on the fuzz platform,
 * for fuzz_rmi_reproduce:
 *
 *   fuzz_rmi_reproduce --seq FILE          replay FILE on a fresh RMM of the
 *                                          fuzz platform (P<n> = bank 0 + n
 *                                          granules), RMI log on stdout, each
 *                                          mismatch and invariant violation
 *                                          reported; exit 0 / 3 / 9
 *   fuzz_rmi_reproduce --to-seq OUT INPUT  run the fuzz input INPUT and write
 *                                          its calls (with their outputs as
 *                                          expectations) and the NS writes
 *                                          before each as the sequence OUT
 *                                          (up to the call of a finding,
 *                                          which still aborts)
 */
#ifndef FZ_SEQ_H
#define FZ_SEQ_H

/* Returns the exit code: 0 all expectations met, 3 bad FILE, 9 a mismatch. */
int fz_seq_replay(const char *path);
/* Returns 0, or 1 when a file cannot be read or written. */
int fz_seq_convert(const char *out_path, const char *input_path);

#endif /* FZ_SEQ_H */
