# Precompiled headers (XPADMIN_PCH): most of a compile here is parsing Qt's headers again, for
# every source file (docs/ci-time.md). xpadmin_precompile_headers(), called once every target
# exists, gives each C++ target the precompiled headers of the Qt modules it links: one set per
# group of modules (Core; Core and Sql; and Gui; and Widgets), each compiled once in a small
# target of its own and reused by every target of that group (REUSE_FROM), so that a test program
# of two source files compiles no header set of its own.
#
# A group reuses a header set only if it compiles with the same flags and the same macros that the
# headers test. QtTest's headers test QT_GUI_LIB and QT_WIDGETS_LIB and define what the test's
# folder names (QT_TESTCASE_BUILDDIR), so they stay out: the sets hold Qt Core, Sql, Gui and
# Widgets headers and the standard library, whose headers test none of the macros that differ
# between targets. A set that does not fit a target fails its build (-Winvalid-pch, an error
# under XPADMIN_WERROR) instead of silently compiling slowly.

set(_xpadmin_pch_core
    <QByteArray>
    <QCoreApplication>
    <QDateTime>
    <QDir>
    <QElapsedTimer>
    <QFile>
    <QFileInfo>
    <QHash>
    <QJsonArray>
    <QJsonDocument>
    <QJsonObject>
    <QList>
    <QLocale>
    <QObject>
    <QPointer>
    <QRegularExpression>
    <QSet>
    <QSettings>
    <QString>
    <QStringList>
    <QTemporaryDir>
    <QThread>
    <QTimer>
    <QUrl>
    <QVariant>
    <algorithm>
    <functional>
    <memory>
    <optional>
    <utility>
    <vector>)
set(_xpadmin_pch_sql <QSqlDatabase> <QSqlError> <QSqlQuery>)
set(_xpadmin_pch_gui <QAbstractTableModel> <QColor> <QFont> <QFontMetrics> <QIcon>)
set(_xpadmin_pch_widgets
    <QAction>
    <QApplication>
    <QCheckBox>
    <QComboBox>
    <QDialog>
    <QFormLayout>
    <QHBoxLayout>
    <QHeaderView>
    <QLabel>
    <QLineEdit>
    <QMenu>
    <QMessageBox>
    <QPlainTextEdit>
    <QPushButton>
    <QTableView>
    <QToolButton>
    <QVBoxLayout>
    <QWidget>)

# Every target a target links, directly or through others, into the variable named by out.
function(_xpadmin_linked_closure target out)
    set(_seen)
    set(_queue ${target})
    while(_queue)
        list(POP_FRONT _queue _current)
        if(NOT TARGET ${_current} OR _current IN_LIST _seen)
            continue()
        endif()
        list(APPEND _seen ${_current})
        get_target_property(_type ${_current} TYPE)
        set(_links)
        if(NOT _type STREQUAL "INTERFACE_LIBRARY")
            get_target_property(_direct ${_current} LINK_LIBRARIES)
            if(_direct)
                list(APPEND _links ${_direct})
            endif()
        endif()
        get_target_property(_interface ${_current} INTERFACE_LINK_LIBRARIES)
        if(_interface)
            list(APPEND _links ${_interface})
        endif()
        foreach(_link IN LISTS _links)
            # $<LINK_ONLY:Qt6::Core> names a target too.
            string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" _link "${_link}")
            if(TARGET ${_link})
                list(APPEND _queue ${_link})
            endif()
        endforeach()
    endwhile()
    set(${out}
        ${_seen}
        PARENT_SCOPE)
endfunction()

# Every target defined in dir and the folders below it, into the variable named by out.
function(_xpadmin_targets_below dir out)
    get_property(
        _targets
        DIRECTORY ${dir}
        PROPERTY BUILDSYSTEM_TARGETS)
    get_property(
        _subdirs
        DIRECTORY ${dir}
        PROPERTY SUBDIRECTORIES)
    foreach(_subdir IN LISTS _subdirs)
        _xpadmin_targets_below(${_subdir} _below)
        list(APPEND _targets ${_below})
    endforeach()
    set(${out}
        ${_targets}
        PARENT_SCOPE)
endfunction()

# The header-set target of a group (core, sql, gui, widgets), made on first use.
function(_xpadmin_pch_holder group modules headers out)
    set(_holder xpadmin_pch_${group})
    if(NOT TARGET ${_holder})
        set(_source ${PROJECT_BINARY_DIR}/pch/${group}.cpp)
        file(CONFIGURE OUTPUT ${_source} CONTENT
             "// Compiles the precompiled headers of the ${group} group (cmake/PrecompiledHeaders.cmake).\n")
        add_library(${_holder} OBJECT ${_source})
        set_target_properties(
            ${_holder}
            PROPERTIES AUTOMOC OFF
                       AUTORCC OFF
                       AUTOUIC OFF)
        target_link_libraries(${_holder} PRIVATE xpadmin_settings ${modules})
        target_precompile_headers(${_holder} PRIVATE ${headers})
    endif()
    set(${out}
        ${_holder}
        PARENT_SCOPE)
endfunction()

function(xpadmin_precompile_headers)
    _xpadmin_targets_below(${PROJECT_SOURCE_DIR} _targets)
    foreach(_target IN LISTS _targets)
        get_target_property(_type ${_target} TYPE)
        if(NOT _type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
            continue()
        endif()
        get_target_property(_sources ${_target} SOURCES)
        list(FILTER _sources INCLUDE REGEX "\\.cpp$")
        if(NOT _sources)
            continue()
        endif()
        _xpadmin_linked_closure(${_target} _linked)
        if(Qt6::Widgets IN_LIST _linked)
            _xpadmin_pch_holder(
                widgets "Qt6::Widgets;Qt6::Gui;Qt6::Sql"
                "${_xpadmin_pch_core};${_xpadmin_pch_sql};${_xpadmin_pch_gui};${_xpadmin_pch_widgets}" _holder)
        elseif(Qt6::Gui IN_LIST _linked AND Qt6::Sql IN_LIST _linked)
            _xpadmin_pch_holder(gui "Qt6::Gui;Qt6::Sql" "${_xpadmin_pch_core};${_xpadmin_pch_sql};${_xpadmin_pch_gui}"
                                _holder)
        elseif(Qt6::Sql IN_LIST _linked)
            _xpadmin_pch_holder(sql "Qt6::Sql" "${_xpadmin_pch_core};${_xpadmin_pch_sql}" _holder)
        elseif(Qt6::Core IN_LIST _linked)
            _xpadmin_pch_holder(core "Qt6::Core" "${_xpadmin_pch_core}" _holder)
        else()
            continue()
        endif()
        target_precompile_headers(${_target} REUSE_FROM ${_holder})
        # A test program's moc file is included by its test source, which leaves the target's
        # mocs_compilation.cpp empty: loading the headers would cost more than compiling it.
        if(_type STREQUAL "EXECUTABLE")
            get_target_property(_binary_dir ${_target} BINARY_DIR)
            set_source_files_properties(${_binary_dir}/${_target}_autogen/mocs_compilation.cpp TARGET_DIRECTORY
                                        ${_target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
        endif()
    endforeach()
endfunction()
