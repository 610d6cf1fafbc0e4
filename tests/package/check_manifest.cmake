# smtp_reply_check_manifest(<install_manifest.txt> <prefix> <source dir>
#                           <cmake package dir> <pkg-config dir>)
# Fails unless the install manifest lists exactly:
#   <prefix>/include/**.hpp (every header of the source tree's include/)
#   <prefix>/<cmake package dir>/smtp_reply{Config,ConfigVersion,Targets}.cmake
#   <prefix>/<pkg-config dir>/smtp_reply.pc
function(smtp_reply_check_manifest manifest prefix source_dir cmakedir pcdir)
  file(GLOB_RECURSE headers RELATIVE ${source_dir} ${source_dir}/include/*.hpp)
  set(expected "")
  foreach(header IN LISTS headers)
    list(APPEND expected ${prefix}/${header})
  endforeach()
  foreach(name smtp_replyConfig smtp_replyConfigVersion smtp_replyTargets)
    list(APPEND expected ${prefix}/${cmakedir}/${name}.cmake)
  endforeach()
  list(APPEND expected ${prefix}/${pcdir}/smtp_reply.pc)

  file(STRINGS ${manifest} installed)
  list(REMOVE_DUPLICATES installed)
  list(SORT installed)
  list(SORT expected)
  if(NOT installed STREQUAL expected)
    set(extra ${installed})
    list(REMOVE_ITEM extra ${expected})
    set(missing ${expected})
    list(REMOVE_ITEM missing ${installed})
    string(REPLACE ";" "\n  " extra "${extra}")
    string(REPLACE ";" "\n  " missing "${missing}")
    message(FATAL_ERROR "${manifest} is not exactly headers + CMake package + .pc\n"
                        "installed but not expected:\n  ${extra}\n"
                        "expected but not installed:\n  ${missing}")
  endif()
  list(LENGTH installed n)
  list(LENGTH headers n_headers)
  message(STATUS "install manifest: exactly ${n_headers} headers, 3 CMake package files and smtp_reply.pc (${n} files)")
endfunction()
