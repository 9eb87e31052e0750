/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Small libcbor helpers. libcbor serialises an integer with the width of
 * the item it was built as, so integers are built with the smallest width
 * that holds them: the tokens then use the preferred (shortest) encoding
 * that t_cose/QCBOR produce in TF-RMM.
 */
#include <stdlib.h>
#include <string.h>

#include "attest_priv.h"

/* Unsigned item of the smallest width holding @v. */
static cbor_item_t *build_uint(uint64_t v)
{
	if (v <= UINT8_MAX) {
		return cbor_build_uint8((uint8_t)v);
	}
	if (v <= UINT16_MAX) {
		return cbor_build_uint16((uint16_t)v);
	}
	if (v <= UINT32_MAX) {
		return cbor_build_uint32((uint32_t)v);
	}
	return cbor_build_uint64(v);
}

/* Negative item -1 - @n, smallest width. */
static cbor_item_t *build_negint(uint64_t n)
{
	if (n <= UINT8_MAX) {
		return cbor_build_negint8((uint8_t)n);
	}
	if (n <= UINT16_MAX) {
		return cbor_build_negint16((uint16_t)n);
	}
	if (n <= UINT32_MAX) {
		return cbor_build_negint32((uint32_t)n);
	}
	return cbor_build_negint64(n);
}

cbor_item_t *attest_cbor_int(int64_t v)
{
	if (v >= 0) {
		return build_uint((uint64_t)v);
	}
	/* CBOR major type 1 stores -1 - v; (uint64_t)(-1 - v) never overflows. */
	return build_negint((uint64_t)(-1 - v));
}

cbor_item_t *attest_cbor_tstr(const char *s)
{
	return cbor_build_stringn(s, strlen(s));
}

cbor_item_t *attest_cbor_bstr(const uint8_t *p, size_t len)
{
	return cbor_build_bytestring(p, len);
}

bool attest_cbor_map_put(cbor_item_t *map, cbor_item_t *key, cbor_item_t *val)
{
	bool ok = false;

	if (map != NULL && key != NULL && val != NULL) {
		/* cbor_map_add takes its own references (incref member-wise). */
		ok = cbor_map_add(map, (struct cbor_pair){ .key = key, .value = val });
	}
	if (key != NULL) {
		cbor_decref(&key);
	}
	if (val != NULL) {
		cbor_decref(&val);
	}
	return ok;
}

bool attest_cbor_array_push(cbor_item_t *array, cbor_item_t *v)
{
	bool ok = false;

	if (array != NULL && v != NULL) {
		ok = cbor_array_push(array, v);
	}
	if (v != NULL) {
		cbor_decref(&v);
	}
	return ok;
}

size_t attest_cbor_encode(const cbor_item_t *item, uint8_t **out)
{
	size_t cap = 0;
	size_t len;

	*out = NULL;
	if (item == NULL) {
		return 0;
	}
	len = cbor_serialize_alloc(item, out, &cap);
	if (len == 0 && *out != NULL) {
		free(*out);
		*out = NULL;
	}
	return len;
}
