# Fails when a translation file misses strings of the sources, or has entries that are
# unfinished, vanished or obsolete, or whose translation is empty. lupdate is run on a copy of
# each .ts against the GUI sources first, so a new tr() string without a translation fails too.
# Usage: cmake -DTS_FILES="a.ts;b.ts" -DLUPDATE=/path/lupdate -DSOURCES="x.cpp;y.cpp" -DINCLUDES="dir;dir"
#        -DWORK_DIR=dir
#        -P check_translations.cmake
foreach(ts IN LISTS TS_FILES)
  get_filename_component(name "${ts}" NAME)
  set(copy "${WORK_DIR}/${name}")
  file(COPY_FILE "${ts}" "${copy}")
  if(LUPDATE)
    set(include_args)
    foreach(dir IN LISTS INCLUDES) # lupdate resolves namespaces (piton::DeployJob) through the headers
      list(APPEND include_args -I "${dir}")
    endforeach()
    execute_process(COMMAND "${LUPDATE}" -silent -locations none ${include_args} ${SOURCES} -ts "${copy}"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "lupdate failed on ${name}: ${err}")
    endif()
  endif()
  file(READ "${copy}" content)
  string(REGEX MATCHALL "<message[^>]*>" messages "${content}")
  list(LENGTH messages count)
  if(count EQUAL 0)
    message(FATAL_ERROR "${ts}: no messages")
  endif()
  foreach(bad "type=\"unfinished\"" "type=\"vanished\"" "type=\"obsolete\"" "<translation/>" "<translation />" "<translation></translation>")
    string(FIND "${content}" "${bad}" pos)
    if(NOT pos EQUAL -1)
      string(REGEX MATCHALL "<source>([^<]*)</source>\n[ ]*<translation ${bad}" hits "${content}")
      message(FATAL_ERROR "${ts}: has entries with ${bad} (run lupdate on the sources and translate them): ${hits}")
    endif()
  endforeach()
  message(STATUS "${ts}: ${count} messages, all translated")
endforeach()
