/* The bootloader's service table (common/services.h): the bootloader's own flash driver and
 * crypto (hal.h), its package verification, its boot state record and record store, for the
 * application. The
 * port's linker script places section PT_SERVICES_SECTION at the documented address and keeps it. */
#include "services.h"

#include "piton/device.h"

__attribute__((section(PT_SERVICES_SECTION), used)) const pt_services pt_services_table = {
    .magic = PT_SERVICES_MAGIC,
    .abi_major = PT_SERVICES_ABI_MAJOR,
    .abi_minor = PT_SERVICES_ABI_MINOR,
    .size = sizeof(pt_services),
    .bootloader_version = PT_VERSION(PT_BOOTLOADER_VERSION_MAJOR, PT_BOOTLOADER_VERSION_MINOR,
                                     PT_BOOTLOADER_VERSION_PATCH),
    .init = pt_services_port_init,
    .flash_read = pt_hal_flash_read,
    .flash_program = pt_hal_flash_program,
    .flash_erase_sector = pt_hal_flash_erase_sector,
    .flash_sector_of = pt_hal_flash_sector_of,
    .sha256_start = pt_hal_sha256_start,
    .sha256_update = pt_hal_sha256_update,
    .sha256_finish = pt_hal_sha256_finish,
    .p256_verify = pt_hal_p256_verify,
    .package_verify = pt_package_verify,
    .bootstate_load = pt_bootstate_load,
    .bootstate_save = pt_bootstate_save,
    .config_init = pt_config_init,
    .config_state = pt_config_state,
    .config_blob = pt_config_blob,
    .config_write = pt_config_write,
    .config_get = pt_config_get,
    .config_set = pt_config_set,
    .staging_begin = pt_staging_begin,
    .staging_data = pt_staging_data,
    .staging_status = pt_staging_status,
    .staging_region = pt_staging_region,
    .staging_mark_pending = pt_staging_mark_pending,
    .staging_erase = pt_staging_erase,
#ifdef PT_KEYSET_READER
    .keyset_newest = pt_keyset_newest,
    .keyset_read_slot = pt_keyset_read_slot,
    .keyset_record_verify = pt_keyset_record_verify,
    .region_sector_at = pt_region_sector_at,
    .region_read = pt_region_read,
    .region_sha256 = pt_region_sha256,
    .sha256 = pt_sha256,
    .crc32 = pt_crc32,
    .frame_encode = pt_frame_encode,
    .keyset_fingerprint = pt_keyset_fingerprint,
    .image_intact = pt_image_intact,
#endif
};
