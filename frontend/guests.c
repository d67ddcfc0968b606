/*
 * guests.c - the list of guest ISAs compiled into xbt, in the order the
 * loader tries them against an ELF header.
 *
 * The ARM guest (frontend/arm/) is listed when the build compiles that
 * folder and defines XBT_GUEST_ARM (the Makefile's SRCDIRS must name
 * frontend/arm).  Likewise the PowerPC guest (frontend/ppc/) with
 * XBT_GUEST_PPC.
 */
#include "frontend.h"

const GuestArch *const fe_guests[] = {
    &guest_mips,
    &guest_mipsel,
#ifdef XBT_GUEST_ARM
    &guest_arm,
#endif
#ifdef XBT_GUEST_PPC
    &guest_ppc,
#endif
    NULL,
};
