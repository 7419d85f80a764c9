# Install the library, its headers and a package config so that find_package(iamguard) works.
include(CMakePackageConfigHelpers)

install(TARGETS iamguard EXPORT iamguardTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/iamguard DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY dsl/rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/iamguard/rules
  FILES_MATCHING PATTERN "*.rule" PATTERN "*.yaml" PATTERN "*.json")

set(IAMGUARD_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/iamguard)
install(EXPORT iamguardTargets NAMESPACE iamguard:: DESTINATION ${IAMGUARD_CMAKE_DIR})
configure_package_config_file(cmake/iamguardConfig.cmake.in
  "${PROJECT_BINARY_DIR}/iamguardConfig.cmake" INSTALL_DESTINATION ${IAMGUARD_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/iamguardConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/iamguardConfig.cmake" "${PROJECT_BINARY_DIR}/iamguardConfigVersion.cmake"
  DESTINATION ${IAMGUARD_CMAKE_DIR})
if(TARGET iamguard_cli)
  install(TARGETS iamguard_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
