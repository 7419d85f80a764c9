# iamguard_set_warnings(<target>...): warnings on our own targets only, never global flags.
#
# GCC 12 at -O2/-O3 reports -Wrestrict and -Wnull-dereference inside libstdc++'s own headers
# (std::string concatenation, istreambuf_iterator) after inlining: false positives (GCC bugs
# 105329 and 105651) that a Release build printed 43 times. With GCC, -Wnull-dereference is left
# out and -Wrestrict is off; Clang (the sanitizer and fuzz builds) keeps -Wnull-dereference.
function(iamguard_set_warnings)
  foreach(t IN LISTS ARGN)
    target_compile_options(${t} PRIVATE
      $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                      -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough>
      $<$<CXX_COMPILER_ID:Clang>:-Wnull-dereference>
      $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  endforeach()
endfunction()
