/*
 * guests.c - the list of guest ISAs compiled into xbt, in the order the
 * loader tries them against an ELF header.
 */
#include "frontend.h"

const GuestArch *const fe_guests[] = {
    &guest_mips,
    &guest_mipsel,
    NULL,
};
