/* Command dispatch (docs/protocol.md §4); used by link.c. */
#ifndef PT_SERVER_H
#define PT_SERVER_H

#include "frame.h"
#include "piton/device.h"

/** Serves one request frame and sends its response on the link. REBOOT and a successful
 *  UPDATE_COMMIT call pt_hal_reset() after the response was sent. */
void pt_server_handle(pt_link *link, const pt_frame *req);

#endif
