#include "ui/main/RecentDatabases.h"

#include <QSettings>

namespace {

const QString Key = QStringLiteral("recentDatabases");

} // namespace

QStringList RecentDatabases::list()
{
    return QSettings().value(Key).toStringList();
}

void RecentDatabases::add(const QString &location)
{
    QStringList entries = list();
    entries.removeAll(location);
    entries.prepend(location);
    while (entries.size() > MaxEntries)
        entries.removeLast();
    QSettings().setValue(Key, entries);
}

void RecentDatabases::remove(const QString &location)
{
    QStringList entries = list();
    entries.removeAll(location);
    QSettings().setValue(Key, entries);
}

void RecentDatabases::clear()
{
    QSettings().remove(Key);
}
