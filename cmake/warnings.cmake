# The warning set every target of this project builds with (never applied to consumers).
set(SMTP_REPLY_WARNINGS
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror)
function(smtp_reply_project_target target)
  target_compile_options(${target} PRIVATE ${SMTP_REPLY_WARNINGS})
  target_link_libraries(${target} PRIVATE smtp_reply::smtp_reply)
endfunction()
