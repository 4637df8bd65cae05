/* piton-vboard: board profile loading and validation. See vb_profile.h. */
#include "vb_error.h"
#include "vb_profile.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "piton/protocol.h"

#ifndef PITON_BOARDS_SOURCE_DIR
#define PITON_BOARDS_SOURCE_DIR ""
#endif

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool valid_id(const char *id)
{
    if (id[0] == '\0' || strlen(id) > PT_BOARD_ID_MAX) return false;
    for (const char *c = id; *c; ++c) {
        bool ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                  *c == '.' || *c == '_' || *c == '-';
        if (!ok) return false;
    }
    return id[0] != '.';
}

bool vb_profile_find(const char *id, const char *boards_dir, const char *exe_path, char *path,
                     size_t path_size, char *err)
{
    if (!valid_id(id))
        return vb_fail(err, "invalid board id '%s': use 1..%u letters, digits, '.', '_' or '-'", id,
                    (unsigned)PT_BOARD_ID_MAX);
    if (boards_dir) {
        snprintf(path, path_size, "%s/%s.json", boards_dir, id);
        if (file_exists(path)) return true;
        return vb_fail(err, "board profile '%s' not found: no file %s (--boards-dir)", id, path);
    }
    char tried[VB_ERROR_MAX / 2] = "";
    size_t used = 0;
    const char *env = getenv("PITON_BOARDS_DIR");
    if (env && env[0]) {
        snprintf(path, path_size, "%s/%s.json", env, id);
        if (file_exists(path)) return true;
        used += (size_t)snprintf(tried + used, sizeof tried - used, " %s", env);
        if (used > sizeof tried) used = sizeof tried;
    }
    if (exe_path && exe_path[0] && used < sizeof tried) {
        char exe_dir[PATH_MAX];
        char resolved[PATH_MAX];
        const char *src = realpath(exe_path, resolved) ? resolved : exe_path;
        snprintf(exe_dir, sizeof exe_dir, "%s", src);
        char *slash = strrchr(exe_dir, '/');
        if (slash) *slash = '\0';
        else snprintf(exe_dir, sizeof exe_dir, ".");
        snprintf(path, path_size, "%s/../share/piton/boards/%s.json", exe_dir, id);
        if (file_exists(path)) return true;
        used += (size_t)snprintf(tried + used, sizeof tried - used, " %s/../share/piton/boards", exe_dir);
        if (used > sizeof tried) used = sizeof tried;
    }
    if (PITON_BOARDS_SOURCE_DIR[0] && used < sizeof tried) {
        snprintf(path, path_size, "%s/%s.json", PITON_BOARDS_SOURCE_DIR, id);
        if (file_exists(path)) return true;
        snprintf(tried + used, sizeof tried - used, " %s", PITON_BOARDS_SOURCE_DIR);
    }
    return vb_fail(err, "board profile '%s' not found (looked for %s.json in:%s)", id, id, tried);
}

/* ---- JSON helpers ------------------------------------------------------------------------ */

static bool get_hex(const cJSON *obj, const char *key, const char *what, uint32_t *out, char *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(v))
        return vb_fail(err, "%s: \"%s\" must be a hex string such as \"0x08000000\"", what, key);
    const char *s = v->valuestring;
    if (!(s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s[2] != '\0'))
        return vb_fail(err, "%s: \"%s\" value \"%s\" is not a hex string (0x...)", what, key, s);
    errno = 0;
    char *end = NULL;
    unsigned long long n = strtoull(s + 2, &end, 16);
    if (errno || *end != '\0' || n > UINT32_MAX || s[2] == '-' || s[2] == '+')
        return vb_fail(err, "%s: \"%s\" value \"%s\" is not a 32-bit hex address", what, key, s);
    *out = (uint32_t)n;
    return true;
}

static bool get_uint(const cJSON *obj, const char *key, const char *what, uint64_t min, uint64_t max,
                     uint64_t *out, char *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(v)) return vb_fail(err, "%s: \"%s\" must be a number", what, key);
    double d = v->valuedouble;
    if (!(d >= (double)min && d <= (double)max) || floor(d) != d)
        return vb_fail(err, "%s: \"%s\" = %g must be an integer in %llu..%llu", what, key, d,
                    (unsigned long long)min, (unsigned long long)max);
    *out = (uint64_t)d;
    return true;
}

static bool get_str(const cJSON *obj, const char *key, const char *what, char *out, size_t cap,
                    bool required, char *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && !required) {
        out[0] = '\0';
        return true;
    }
    if (!cJSON_IsString(v)) return vb_fail(err, "%s: \"%s\" must be a string", what, key);
    if (strlen(v->valuestring) >= cap)
        return vb_fail(err, "%s: \"%s\" is longer than %zu characters", what, key, cap - 1);
    snprintf(out, cap, "%s", v->valuestring);
    return true;
}

/* ---- geometry ----------------------------------------------------------------------------- */

const vb_flash_device *vb_profile_device_of(const vb_profile *p, uint32_t address, uint32_t len)
{
    for (unsigned i = 0; i < p->device_count; ++i) {
        const vb_flash_device *d = &p->devices[i];
        uint64_t end = (uint64_t)d->address + d->size;
        if (address >= d->address && (uint64_t)address + len <= end && address < end) return d;
    }
    return NULL;
}

bool vb_profile_sector_of(const vb_profile *p, uint32_t address, uint32_t *start, uint32_t *size,
                          uint32_t *index)
{
    const vb_flash_device *d = vb_profile_device_of(p, address, 0);
    if (!d) return false;
    uint64_t a = d->address;
    uint32_t idx = d->first_sector;
    for (unsigned r = 0; r < d->run_count; ++r) {
        const pt_sector_run *run = &d->runs[r];
        uint64_t run_end = a + (uint64_t)run->count * run->size;
        if (address < run_end) {
            uint32_t k = (uint32_t)((address - a) / run->size);
            if (start) *start = (uint32_t)(a + (uint64_t)k * run->size);
            if (size) *size = run->size;
            if (index) *index = idx + k;
            return true;
        }
        a = run_end;
        idx += run->count;
    }
    return false;
}

const pt_region *vb_profile_region(const vb_profile *p, const char *name)
{
    for (unsigned i = 0; i < p->region_count; ++i)
        if (strcmp(p->regions[i].name, name) == 0) return &p->regions[i];
    return NULL;
}

/* The optional "timing" object of a flash device (resources/boards/README.md, vb_timing.h). */
static bool parse_timing(const cJSON *jd, const char *what, vb_flash_device *d, char *err)
{
    const cJSON *jt = cJSON_GetObjectItemCaseSensitive(jd, "timing");
    if (!jt) return true;
    char twhat[96];
    snprintf(twhat, sizeof twhat, "%s timing", what);
    if (!cJSON_IsObject(jt)) return vb_fail(err, "%s must be an object", twhat);
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(jt, "source");
    if (!cJSON_IsString(src) || !src->valuestring[0])
        return vb_fail(err, "%s: \"source\" must name where the figures come from", twhat);
    const cJSON *je = cJSON_GetObjectItemCaseSensitive(jt, "eraseMs");
    if (!cJSON_IsArray(je) || cJSON_GetArraySize(je) == 0 || (unsigned)cJSON_GetArraySize(je) > VB_MAX_ERASE_TIMES)
        return vb_fail(err, "%s: \"eraseMs\" must be an array of 1..%u {size, ms}", twhat, (unsigned)VB_MAX_ERASE_TIMES);
    vb_flash_timing *t = &d->timing;
    const cJSON *e;
    cJSON_ArrayForEach(e, je) {
        uint64_t size = 0, ms = 0;
        if (!cJSON_IsObject(e)) return vb_fail(err, "%s: \"eraseMs\" entries must be objects {size, ms}", twhat);
        if (!get_uint(e, "size", twhat, 1, 0x80000000u, &size, err) || !get_uint(e, "ms", twhat, 0, 600000, &ms, err))
            return false;
        t->erase[t->erase_count].size = (uint32_t)size;
        t->erase[t->erase_count].ms = (uint32_t)ms;
        t->erase_count++;
    }
    uint64_t unit = 0, us = 0;
    if (!get_uint(jt, "programUnit", twhat, 1, 65536, &unit, err) || !get_uint(jt, "programUs", twhat, 0, 1000000, &us, err))
        return false;
    t->program_unit = (uint32_t)unit;
    t->program_us = (uint32_t)us;
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(jt, "stallsCpu");
    if (!cJSON_IsBool(st)) return vb_fail(err, "%s: \"stallsCpu\" must be true or false", twhat);
    t->stalls_cpu = cJSON_IsTrue(st);
    t->present = true;
    return true;
}

/* The optional "receiveBuffer" object of the profile. */
static bool parse_rx_buffer(const cJSON *root, vb_profile *p, char *err)
{
    const cJSON *jr = cJSON_GetObjectItemCaseSensitive(root, "receiveBuffer");
    if (!jr) return true;
    if (!cJSON_IsObject(jr)) return vb_fail(err, "\"receiveBuffer\" must be an object {bytes, dma, source}");
    uint64_t bytes = 0;
    if (!get_uint(jr, "bytes", "receiveBuffer", 1, 1u << 24, &bytes, err)) return false;
    const cJSON *dma = cJSON_GetObjectItemCaseSensitive(jr, "dma");
    if (!cJSON_IsBool(dma)) return vb_fail(err, "receiveBuffer: \"dma\" must be true or false");
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(jr, "source");
    if (!cJSON_IsString(src) || !src->valuestring[0])
        return vb_fail(err, "receiveBuffer: \"source\" must name where the figure comes from");
    p->rx_buffer = (uint32_t)bytes;
    p->rx_dma = cJSON_IsTrue(dma);
    return true;
}

static bool parse_device(const cJSON *jd, unsigned i, vb_flash_device *d, char *err)
{
    char what[64];
    snprintf(what, sizeof what, "flash[%u]", i);
    if (!cJSON_IsObject(jd)) return vb_fail(err, "%s must be an object", what);
    if (!get_str(jd, "name", what, d->name, sizeof d->name, false, err)) return false;
    if (d->name[0]) snprintf(what, sizeof what, "flash device '%s'", d->name);
    if (!get_hex(jd, "address", what, &d->address, err)) return false;
    const cJSON *ext = cJSON_GetObjectItemCaseSensitive(jd, "external");
    if (ext && !cJSON_IsBool(ext)) return vb_fail(err, "%s: \"external\" must be true or false", what);
    d->external = ext && cJSON_IsTrue(ext);
    const cJSON *sectors = cJSON_GetObjectItemCaseSensitive(jd, "sectors");
    if (!cJSON_IsArray(sectors) || cJSON_GetArraySize(sectors) == 0)
        return vb_fail(err, "%s: \"sectors\" must be a non-empty array of {count, size}", what);
    if ((unsigned)cJSON_GetArraySize(sectors) > VB_MAX_DEVICE_RUNS)
        return vb_fail(err, "%s: more than %u sector runs", what, (unsigned)VB_MAX_DEVICE_RUNS);
    uint64_t total = 0;
    const cJSON *js;
    unsigned r = 0;
    cJSON_ArrayForEach(js, sectors) {
        char rwhat[96];
        snprintf(rwhat, sizeof rwhat, "%s sectors[%u]", what, r);
        if (!cJSON_IsObject(js)) return vb_fail(err, "%s must be an object {count, size}", rwhat);
        uint64_t count = 0, size = 0;
        if (!get_uint(js, "count", rwhat, 1, 65535, &count, err)) return false;
        if (!get_uint(js, "size", rwhat, 1, 0x80000000u, &size, err)) return false;
        d->runs[r].count = (uint16_t)count;
        d->runs[r].size = (uint32_t)size;
        total += count * size;
        d->sector_count += (uint32_t)count;
        ++r;
    }
    d->run_count = (uint8_t)r;
    if ((uint64_t)d->address + total > 0x100000000ull)
        return vb_fail(err, "%s: %llu bytes at 0x%08X run past the end of the 32-bit address space",
                    what, (unsigned long long)total, (unsigned)d->address);
    d->size = (uint32_t)total;
    return parse_timing(jd, what, d, err);
}

static bool is_sector_boundary(const vb_flash_device *d, uint64_t address)
{
    uint64_t a = d->address;
    if (address == a) return true;
    for (unsigned r = 0; r < d->run_count; ++r) {
        uint64_t run_end = a + (uint64_t)d->runs[r].count * d->runs[r].size;
        if (address <= run_end) return (address - a) % d->runs[r].size == 0;
        a = run_end;
    }
    return false;
}

/* Fills the region's runs of equal sectors from the device geometry. */
static bool region_runs(const vb_flash_device *d, pt_region *rg, char *err)
{
    uint64_t a = d->address;
    uint64_t rs = rg->address, re = (uint64_t)rg->address + rg->size;
    rg->run_count = 0;
    for (unsigned r = 0; r < d->run_count; ++r) {
        uint64_t run_end = a + (uint64_t)d->runs[r].count * d->runs[r].size;
        uint64_t lo = rs > a ? rs : a, hi = re < run_end ? re : run_end;
        if (lo < hi) {
            uint32_t sz = d->runs[r].size;
            uint64_t n = (hi - lo) / sz;
            if (rg->run_count > 0 && rg->runs[rg->run_count - 1].size == sz &&
                rg->runs[rg->run_count - 1].count + n <= 65535) {
                rg->runs[rg->run_count - 1].count = (uint16_t)(rg->runs[rg->run_count - 1].count + n);
            } else {
                if (rg->run_count >= PT_MAX_SECTOR_RUNS)
                    return vb_fail(err, "region '%s': more than %u runs of equal sectors", rg->name,
                                (unsigned)PT_MAX_SECTOR_RUNS);
                if (n > 65535) return vb_fail(err, "region '%s': more than 65535 sectors in a run", rg->name);
                rg->runs[rg->run_count].count = (uint16_t)n;
                rg->runs[rg->run_count].size = sz;
                rg->run_count++;
            }
        }
        a = run_end;
    }
    return true;
}

static bool parse_region(const cJSON *jr, unsigned i, vb_profile *p, char *err)
{
    pt_region *rg = &p->regions[i];
    char what[64];
    snprintf(what, sizeof what, "regions[%u]", i);
    if (!cJSON_IsObject(jr)) return vb_fail(err, "%s must be an object", what);
    const cJSON *jn = cJSON_GetObjectItemCaseSensitive(jr, "name");
    if (!cJSON_IsString(jn) || jn->valuestring[0] == '\0' ||
        strlen(jn->valuestring) > PT_REGION_NAME_MAX)
        return vb_fail(err, "%s: \"name\" must be a string of 1..%u characters", what,
                    (unsigned)PT_REGION_NAME_MAX);
    for (const char *c = jn->valuestring; *c; ++c)
        if (*c < 0x21 || *c > 0x7E) return vb_fail(err, "%s: name \"%s\" must be printable ASCII", what, jn->valuestring);
    snprintf(rg->name, sizeof rg->name, "%s", jn->valuestring);
    snprintf(what, sizeof what, "region '%s'", rg->name);
    for (unsigned k = 0; k < i; ++k)
        if (strcmp(p->regions[k].name, rg->name) == 0) return vb_fail(err, "%s: name used twice", what);
    if (!get_hex(jr, "address", what, &rg->address, err)) return false;
    uint64_t size = 0;
    if (!get_uint(jr, "size", what, 1, UINT32_MAX, &size, err)) return false;
    rg->size = (uint32_t)size;
    rg->flags = 0;
    bool flag_external = false;
    const cJSON *flags = cJSON_GetObjectItemCaseSensitive(jr, "flags");
    if (flags) {
        if (!cJSON_IsArray(flags)) return vb_fail(err, "%s: \"flags\" must be an array of strings", what);
        const cJSON *f;
        cJSON_ArrayForEach(f, flags) {
            if (!cJSON_IsString(f)) return vb_fail(err, "%s: every flag must be a string", what);
            const char *s = f->valuestring;
            if (strcmp(s, "protected") == 0) rg->flags |= PT_REGION_PROTECTED;
            else if (strcmp(s, "staging") == 0) rg->flags |= PT_REGION_STAGING;
            else if (strcmp(s, "external") == 0) flag_external = true;
            else if (strcmp(s, "config") == 0) rg->flags |= PT_REGION_CONFIG;
            else if (strcmp(s, "image") == 0) rg->flags |= PT_REGION_IMAGE;
            else
                return vb_fail(err, "%s: unknown flag \"%s\" (known: protected, config, image, staging, external)",
                            what, s);
        }
    }
    const vb_flash_device *d = vb_profile_device_of(p, rg->address, rg->size);
    if (!d)
        return vb_fail(err, "%s: 0x%08X+0x%X does not lie inside one flash device", what,
                    (unsigned)rg->address, (unsigned)rg->size);
    if (d->external) rg->flags |= PT_REGION_EXTERNAL;
    if (flag_external != d->external)
        return vb_fail(err, "%s: flag \"external\" %s but the region lies in %s flash device '%s'", what,
                    flag_external ? "set" : "missing", d->external ? "external" : "internal", d->name);
    if (!is_sector_boundary(d, rg->address))
        return vb_fail(err, "%s: start 0x%08X is not on a sector boundary", what, (unsigned)rg->address);
    if (!is_sector_boundary(d, (uint64_t)rg->address + rg->size))
        return vb_fail(err, "%s: end 0x%08llX is not on a sector boundary", what,
                    (unsigned long long)rg->address + rg->size);
    for (unsigned k = 0; k < i; ++k) {
        const pt_region *o = &p->regions[k];
        if ((uint64_t)rg->address < (uint64_t)o->address + o->size &&
            (uint64_t)o->address < (uint64_t)rg->address + rg->size)
            return vb_fail(err, "%s (0x%08X+0x%X) overlaps region '%s' (0x%08X+0x%X)", what,
                        (unsigned)rg->address, (unsigned)rg->size, o->name, (unsigned)o->address,
                        (unsigned)o->size);
    }
    return region_runs(d, rg, err);
}

bool vb_profile_parse(const char *json, const char *expected_id, vb_profile *out, char *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = cJSON_Parse(json);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        char near[24] = "";
        if (at) snprintf(near, sizeof near, "%.20s", at);
        return vb_fail(err, "not valid JSON (near \"%s\")", near);
    }
    bool ok = false;
    vb_flash_device parsed[VB_MAX_FLASH_DEVICES];
    memset(parsed, 0, sizeof parsed);
    if (!cJSON_IsObject(root)) {
        vb_fail(err, "top level must be a JSON object");
        goto done;
    }
    const cJSON *jid = cJSON_GetObjectItemCaseSensitive(root, "id");
    if (!cJSON_IsString(jid) || !valid_id(jid->valuestring)) {
        vb_fail(err, "\"id\" must be a string of 1..%u letters, digits, '.', '_' or '-'", (unsigned)PT_BOARD_ID_MAX);
        goto done;
    }
    snprintf(out->id, sizeof out->id, "%s", jid->valuestring);
    if (expected_id && strcmp(expected_id, out->id) != 0) {
        vb_fail(err, "profile id \"%s\" does not match the requested board \"%s\"", out->id, expected_id);
        goto done;
    }
    {
        const cJSON *jname = cJSON_GetObjectItemCaseSensitive(root, "name");
        if (cJSON_IsString(jname)) snprintf(out->name, sizeof out->name, "%s", jname->valuestring);
    }
    uint64_t uid = 0;
    if (!get_uint(root, "uniqueIdLength", "profile", 1, PT_UNIQUE_ID_MAX, &uid, err)) goto done;
    out->unique_id_len = (uint8_t)uid;

    if (!parse_rx_buffer(root, out, err)) goto done;
    const cJSON *flash = cJSON_GetObjectItemCaseSensitive(root, "flash");
    if (!cJSON_IsArray(flash) || cJSON_GetArraySize(flash) == 0) {
        vb_fail(err, "\"flash\" must be a non-empty array of flash devices");
        goto done;
    }
    if ((unsigned)cJSON_GetArraySize(flash) > VB_MAX_FLASH_DEVICES) {
        vb_fail(err, "\"flash\" lists more than %u devices", (unsigned)VB_MAX_FLASH_DEVICES);
        goto done;
    }
    unsigned n = 0;
    const cJSON *jd;
    cJSON_ArrayForEach(jd, flash) {
        if (!parse_device(jd, n, &parsed[n], err)) goto done;
        ++n;
    }
    /* internal devices first, then external: the order in the flash file */
    for (int pass = 0; pass < 2; ++pass)
        for (unsigned i = 0; i < n; ++i)
            if (parsed[i].external == (pass == 1)) out->devices[out->device_count++] = parsed[i];
    for (unsigned i = 0; i < n; ++i) {
        vb_flash_device *d = &out->devices[i];
        d->file_offset = out->total_size;
        d->first_sector = out->total_sectors;
        out->total_size += d->size;
        out->total_sectors += d->sector_count;
        for (unsigned k = 0; k < i; ++k) {
            const vb_flash_device *o = &out->devices[k];
            if ((uint64_t)d->address < (uint64_t)o->address + o->size &&
                (uint64_t)o->address < (uint64_t)d->address + d->size) {
                vb_fail(err, "flash device '%s' (0x%08X+0x%X) overlaps flash device '%s' (0x%08X+0x%X)",
                     d->name, (unsigned)d->address, (unsigned)d->size, o->name, (unsigned)o->address,
                     (unsigned)o->size);
                goto done;
            }
        }
    }
    const cJSON *regions = cJSON_GetObjectItemCaseSensitive(root, "regions");
    if (!cJSON_IsArray(regions) || cJSON_GetArraySize(regions) == 0) {
        vb_fail(err, "\"regions\" must be a non-empty array of regions");
        goto done;
    }
    if ((unsigned)cJSON_GetArraySize(regions) > PT_MAX_REGIONS) {
        vb_fail(err, "\"regions\" lists more than %u regions", (unsigned)PT_MAX_REGIONS);
        goto done;
    }
    unsigned r = 0;
    const cJSON *jr;
    cJSON_ArrayForEach(jr, regions) {
        if (!parse_region(jr, r, out, err)) goto done;
        ++r;
        out->region_count = (uint8_t)r;
    }
    const pt_region *boot = vb_profile_region(out, PT_REGION_NAME_BOOTLOADER);
    if (!boot) {
        vb_fail(err, "no region named \"bootloader\" (it holds the bootloader and provisioning block)");
        goto done;
    }
    ok = true;
done:
    cJSON_Delete(root);
    return ok;
}

bool vb_profile_load(const char *path, const char *expected_id, vb_profile *out, char *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return vb_fail(err, "cannot open board profile %s: %s", path, strerror(errno));
    char *text = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 16384;
            if (cap > (4u << 20)) {
                free(text);
                fclose(f);
                return vb_fail(err, "board profile %s is larger than 4 MB", path);
            }
            char *grown = realloc(text, cap);
            if (!grown) {
                free(text);
                fclose(f);
                return vb_fail(err, "out of memory reading %s", path);
            }
            text = grown;
        }
        size_t got = fread(text + len, 1, 4096, f);
        len += got;
        if (got < 4096) break;
    }
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (read_error) {
        free(text);
        return vb_fail(err, "cannot read board profile %s", path);
    }
    text[len] = '\0';
    char inner[VB_ERROR_MAX];
    bool ok = vb_profile_parse(text, expected_id, out, inner);
    free(text);
    if (!ok) return vb_fail(err, "board profile %s: %s", path, inner);
    return true;
}
