#include "ui/common/ThemeIcon.h"

QIcon ThemeIcon::icon(const QString &themeName, const QString &bundled)
{
    return QIcon::fromTheme(themeName, QIcon(QStringLiteral(":/icons/actions/%1.svg").arg(bundled)));
}
