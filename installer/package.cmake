# installer/package.cmake: the Debian package of Piton (CPack, DEB generator). Included from the
# top-level CMakeLists.txt after every install() rule is known. Build it with a release tree:
#   cmake -S . -B build/deb -G Ninja -DCMAKE_BUILD_TYPE=Release -DPITON_WITH_TESTS=OFF
#   cmake --build build/deb && (cd build/deb && cpack -G DEB)
# scripts/deb-check does that, installs the result with apt and tries the installed binaries.
# What goes where: docs/install.md. CPack DEB variables: cmake-cpack(7), "CPack DEB Generator".

# ---- files that only the package needs: the man page and the docs ------------------------------

# Man pages of the three programs, written by hand: piton-cli(1) from docs/cli.md (keep the two
# in step; scripts/deb-check fails when a command of docs/cli.md is missing from the page),
# piton(1) from docs/gui.md, piton-vboard(1) from its --help. Debian wants man pages and the
# changelog gzipped with -9n (no name or time stamp in the header, so the file is reproducible).
find_program(PITON_GZIP gzip REQUIRED)
set(_piton_gz_files)
function(piton_gzip source output)
  add_custom_command(OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/installer"
    COMMAND ${PITON_GZIP} -9n -c "${source}" > "${output}"
    DEPENDS "${source}"
    COMMENT "Compressing ${source}"
    VERBATIM)
  set(_piton_gz_files ${_piton_gz_files} "${output}" PARENT_SCOPE)
endfunction()
foreach(program piton piton-cli piton-vboard)
  set(_gz "${CMAKE_CURRENT_BINARY_DIR}/installer/${program}.1.gz")
  piton_gzip("${CMAKE_CURRENT_LIST_DIR}/man/${program}.1" "${_gz}")
  install(FILES "${_gz}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endforeach()

# The Debian changelog and the copyright file (machine-readable, DEP-5): /usr/share/doc/piton.
set(_piton_changelog_gz "${CMAKE_CURRENT_BINARY_DIR}/installer/changelog.Debian.gz")
piton_gzip("${CMAKE_CURRENT_LIST_DIR}/debian/changelog" "${_piton_changelog_gz}")
install(FILES "${_piton_changelog_gz}" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(FILES "${CMAKE_CURRENT_LIST_DIR}/debian/copyright" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
add_custom_target(piton_gzipped ALL DEPENDS ${_piton_gz_files})

# Shell completion for piton-cli (bash: bash-completion's directory, zsh: vendor completions).
install(FILES "${CMAKE_CURRENT_LIST_DIR}/completion/piton-cli.bash"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME piton-cli)
install(FILES "${CMAKE_CURRENT_LIST_DIR}/completion/_piton-cli" DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")

# AppStream metadata: lets software centres show Piton (launchable = the desktop entry).
install(FILES "${CMAKE_CURRENT_LIST_DIR}/example.h_seed_e0a01d09.piton.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")

# lintian overrides: the findings that are by design, each with its reason (docs/install.md).
install(FILES "${CMAKE_CURRENT_LIST_DIR}/debian/lintian-overrides"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/lintian/overrides" RENAME piton)

# /usr/share/doc/piton: the README and the reference documents (relative links keep working).
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}/docs"
        FILES_MATCHING PATTERN "*.md" PATTERN "screenshots" EXCLUDE)

# ---- the package ---------------------------------------------------------------------------------

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "piton")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "Piton")
set(CPACK_PACKAGE_CONTACT "Piton maintainers <maintainers@users.noreply.h-seed-e0a01d09.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "piton")
# Everything goes below /usr (the binaries look for their board profiles in ../share/piton/boards).
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# All components in one package: piton.
set(CPACK_DEB_COMPONENT_INSTALL OFF)
# No debug symbols in the package (Debian ships them in -dbgsym packages, if at all).
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)          # piton_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_NAME "piton")
set(CPACK_DEBIAN_PACKAGE_RELEASE "1")
set(CPACK_DEBIAN_PACKAGE_SECTION "electronics")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
# The extended description; CPack puts the summary above it as the synopsis, indents each line
# by one space and turns an empty line into " ." (deb-control(5)).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Piton flashes, updates and recovers microcontroller boards over serial or TCP
links: signed update packages streamed into a board's staging region,
config backup and restore, region read, erase and raw write.

This package holds the workstation (piton, a Qt GUI), its command-line twin
(piton-cli), the virtual board piton-vboard that runs the real device code on
the PC, the board profiles, udev rules for USB access, and the documentation.")
# Depends: computed by dpkg-shlibdeps from the ELF files (Qt 6, OpenSSL 3, mbed TLS, cJSON, libelf,
# zlib, libc, libstdc++). The installed programs start no other tools (no srec_cat, no openssl).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Line mode opens its database through a Qt SQL plugin, which no ELF file links: named here.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
# Qt's own dialog translations (Yes/No, file dialogs in German and French): the GUI uses them
# when they are there, which they are by default with a Recommends.
# libqt6sql6-psql: line mode's PostgreSQL driver (--db postgresql://...; SQLite is the default).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, libqt6sql6-psql")
# postinst: reload the udev rules and re-apply them to already plugged boards.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_CURRENT_LIST_DIR}/debian/postinst")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://piton.h-seed-e0a01d09.example/")

include(CPack)
