# The warning set every target of this project builds with. It is applied
# target by target (PRIVATE), never to smtp_reply itself, so consumers never
# inherit it.
option(SMTP_REPLY_WERROR "Treat warnings as errors in smtp_reply's own targets" ON)
set(SMTP_REPLY_WARNINGS
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow)
if(SMTP_REPLY_WERROR)
  list(APPEND SMTP_REPLY_WARNINGS -Werror)
endif()

# Builds `target` with the warning set and links it to the library.
function(smtp_reply_project_target target)
  target_compile_options(${target} PRIVATE ${SMTP_REPLY_WARNINGS})
  target_link_libraries(${target} PRIVATE smtp_reply::smtp_reply)
endfunction()
