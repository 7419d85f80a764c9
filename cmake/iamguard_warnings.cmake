# iamguard_set_warnings(<target>...): warnings on our own targets only, never global flags.
function(iamguard_set_warnings)
  foreach(t IN LISTS ARGN)
    target_compile_options(${t} PRIVATE
      $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                      -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
                                      -Wimplicit-fallthrough>)
  endforeach()
endfunction()
