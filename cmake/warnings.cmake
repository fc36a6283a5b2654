# The "strict types" gate of ADR-0001: every warning is an error in project code.
set(QGP_WARNINGS
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough -Werror)

function(qgp_target_warnings target)
  target_compile_options(${target} PRIVATE ${QGP_WARNINGS})
endfunction()
