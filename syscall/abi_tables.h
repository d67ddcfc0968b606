/*
 * abi_tables.h - turns one generated table (tables/<abi>.h) into the
 * static data a SysAbi points at.  Included once by each abi_<abi>.c after
 *   #define SYS_ABI_TABLE "tables/<abi>.h"
 * Defines (static, per file): abi_nrs[], abi_k[], abi_k_has[], abi_layouts.
 */
#ifndef SYS_ABI_TABLE
#error "define SYS_ABI_TABLE before including abi_tables.h"
#endif

static const SysNr abi_nrs[] = {
#define SYSNR(nr, name) { nr, #name },
#include SYS_ABI_TABLE
};

static const int64_t abi_k[K__COUNT] = {
#define GK(name, value) [K_##name] = (int64_t)(value),
#include SYS_ABI_TABLE
};

static const uint8_t abi_k_has[K__COUNT] = {
#define GK(name, value) [K_##name] = 1,
#include SYS_ABI_TABLE
};

static const SysLayouts abi_layouts = {
#define GSIZE(id, n) .id.bytes = n,
#define GFIELD(id, field, off, size) .id.field = { off, size },
#include SYS_ABI_TABLE
};

#define ABI_TABLES_INIT                                          \
    .nrs = abi_nrs,                                              \
    .n_nrs = sizeof abi_nrs / sizeof abi_nrs[0],                 \
    .k = abi_k,                                                  \
    .k_has = abi_k_has,                                          \
    .L = &abi_layouts
