# piton_test_board_geometry(TARGET): the test board is stm32f4-ref; its regions' geometry comes
# from the shipped profile as PUBLIC compile definitions TH_<REGION>_ADDRESS / TH_<REGION>_SIZE
# (e.g. TH_DEPLOYMENT_ADDRESS), for tests/device/test_hal.c and the tests and fuzz targets that
# use it. Reconfigures when the profile changes.
function(piton_test_board_geometry target)
  set(_profile ${PROJECT_SOURCE_DIR}/resources/boards/stm32f4-ref.json)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_profile})
  file(READ ${_profile} _json)
  string(JSON _count LENGTH "${_json}" regions)
  math(EXPR _last "${_count} - 1")
  foreach(i RANGE ${_last})
    string(JSON _name GET "${_json}" regions ${i} name)
    string(JSON _address GET "${_json}" regions ${i} address)
    string(JSON _size GET "${_json}" regions ${i} size)
    string(TOUPPER "${_name}" _name)
    target_compile_definitions(${target} PUBLIC TH_${_name}_ADDRESS=${_address}u TH_${_name}_SIZE=${_size}u)
  endforeach()
endfunction()
