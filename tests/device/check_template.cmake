# device.template: ports/template keeps up with the HAL contract.
#   cmake -DHAL=hal.h -DTEMPLATE=template_hal.c -DCRYPTO=pt_crypto_mbedtls.c -DBUILD_DIR=... -P check_template.cmake
# 1. every function include/piton/hal.h declares is defined in the template's HAL, or (crypto) in
#    device-firmware/crypto/pt_crypto_mbedtls.c, which the template's CMakeLists links;
# 2. the template builds and links against the core (target piton_port_template_check).
file(READ ${HAL} hal)
file(READ ${TEMPLATE} template)
file(READ ${CRYPTO} crypto)
if(CRYPTO2)
  file(READ ${CRYPTO2} crypto2) # the session crypto (PT_SEALED_SESSIONS), also linked by the template
  string(APPEND crypto "${crypto2}")
endif()
string(REGEX MATCHALL "\n[A-Za-z_][A-Za-z0-9_ ]*[ *](pt_hal_[a-z0-9_]+)\\(" decls "${hal}")
set(missing "")
set(count 0)
foreach(d IN LISTS decls)
  string(REGEX REPLACE ".*[ *](pt_hal_[a-z0-9_]+)\\($" "\\1" name "${d}")
  math(EXPR count "${count} + 1")
  # A definition: the name followed by its parameter list and, after it, a body.
  string(REGEX MATCH "${name}\\([^;{]*\\)[ \n]*{" in_template "${template}")
  string(REGEX MATCH "${name}\\([^;{]*\\)[ \n]*{" in_crypto "${crypto}")
  if(NOT in_template AND NOT in_crypto)
    list(APPEND missing ${name})
  endif()
endforeach()
if(count LESS 10)
  message(FATAL_ERROR "found only ${count} functions in ${HAL}: the check's pattern is stale")
endif()
if(missing)
  message(FATAL_ERROR "ports/template lacks hal.h functions: ${missing}")
endif()
message(STATUS "all ${count} hal.h functions are in ports/template (crypto: pt_crypto_mbedtls.c)")
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target piton_port_template_check
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ports/template does not build against hal.h and the core")
endif()
