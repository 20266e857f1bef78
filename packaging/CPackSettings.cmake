# Installers, made by `cmake --build build --target package` (packaging/README.md):
#   Linux:   xpadmin_<version>-1_<arch>.deb, xpadmin-<version>-1.<arch>.rpm (when rpmbuild is
#            installed), xpadmin-<version>-Linux.tar.gz
#   Windows: an NSIS installer and, with the WiX toolset, an MSI; a ZIP
#   macOS:   a disk image to drag XP Admin into Applications
# Included from the root CMakeLists.txt, after every install() rule.

set(CPACK_PACKAGE_NAME xpadmin)
set(CPACK_PACKAGE_VENDOR "The XP Admin developers")
set(CPACK_PACKAGE_CONTACT "${XPADMIN_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Administration of an XP (experience points) ledger")
set(CPACK_PACKAGE_DESCRIPTION_FILE ${CMAKE_CURRENT_LIST_DIR}/description.txt)
set(CPACK_PACKAGE_HOMEPAGE_URL "${XPADMIN_PROJECT_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "XP Admin")
set(CPACK_PACKAGE_EXECUTABLES xpadmin "XP Admin")
# WiX wants the licence as .txt or .rtf.
configure_file(${PROJECT_SOURCE_DIR}/LICENSE ${CMAKE_BINARY_DIR}/LICENSE.txt COPYONLY)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_BINARY_DIR}/LICENSE.txt)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/")

if(WIN32)
    set(CPACK_GENERATOR NSIS ZIP)
    find_program(XPADMIN_WIX_CANDLE candle)
    if(XPADMIN_WIX_CANDLE)
        list(APPEND CPACK_GENERATOR WIX)
    endif()
    set(_ico ${PROJECT_SOURCE_DIR}/resources/icons/xpadmin.ico)
    set(CPACK_NSIS_MUI_ICON ${_ico})
    set(CPACK_NSIS_MUI_UNIICON ${_ico})
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\xpadmin.exe")
    set(CPACK_NSIS_DISPLAY_NAME "XP Admin")
    set(CPACK_NSIS_PACKAGE_NAME "XP Admin ${PROJECT_VERSION}")
    set(CPACK_NSIS_URL_INFO_ABOUT "${XPADMIN_PROJECT_URL}")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MODIFY_PATH ON) # offers to put xpadmin-cli on the PATH
    # Never change: it lets a newer MSI replace an older one.
    set(CPACK_WIX_UPGRADE_GUID "6F1B7C1E-2C4D-4B8E-9F3A-5D0E7A8C9B21")
    set(CPACK_WIX_PRODUCT_ICON ${_ico})
    set(CPACK_WIX_PROGRAM_MENU_FOLDER "XP Admin")
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME "XP Admin")
    set(CPACK_DMG_FORMAT UDZO)
    set(CPACK_PACKAGE_ICON ${PROJECT_SOURCE_DIR}/resources/icons/xpadmin.icns)
else()
    set(CPACK_GENERATOR DEB TGZ)
    find_program(XPADMIN_RPMBUILD rpmbuild)
    if(XPADMIN_RPMBUILD)
        list(APPEND CPACK_GENERATOR RPM)
    else()
        message(STATUS "rpmbuild not found (Debian: apt-get install rpm): no RPM package")
    endif()
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/CPackProjectConfig.cmake)

    # Debian. The shared libraries' packages are computed by dpkg-shlibdeps; Qt loads the SQL
    # drivers, the SVG icon engine and the Wayland platform plugin at run time, so those are named.
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
    set(CPACK_DEBIAN_PACKAGE_SECTION utils)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, libqt6gui6, libqt6svg6")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
    set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

    # RPM (built here for completeness; the names are Fedora's).
    set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    set(CPACK_RPM_PACKAGE_RELEASE 1)
    set(CPACK_RPM_PACKAGE_LICENSE MIT)
    set(CPACK_RPM_PACKAGE_GROUP "Applications/Productivity")
    set(CPACK_RPM_PACKAGE_URL "${XPADMIN_PROJECT_URL}")
    set(CPACK_RPM_PACKAGE_REQUIRES "qt6-qtbase-gui, qt6-qtsvg")
    # Directories every system already has must not be claimed by the package.
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor /usr/share/man
        /usr/share/man/man1 /usr/share/doc)
    foreach(
        size
        16
        22
        24
        32
        48
        64
        128
        256
        512
        scalable)
        if(size STREQUAL scalable)
            set(_dir /usr/share/icons/hicolor/scalable)
        else()
            set(_dir /usr/share/icons/hicolor/${size}x${size})
        endif()
        list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION ${_dir} ${_dir}/apps)
    endforeach()
endif()

include(CPack)
