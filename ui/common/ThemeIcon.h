#pragma once

#include <QIcon>
#include <QString>

// An icon from the desktop's theme (freedesktop icon names), or XP Admin's own drawing of it
// when the theme has none: ":/icons/actions/<bundled>.svg".
class ThemeIcon final
{
public:
    static QIcon icon(const QString &themeName, const QString &bundled);
};
