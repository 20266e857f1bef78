#pragma once

#include <QStringList>

// The databases opened last, newest first, as URLs or paths without any password.
class RecentDatabases final
{
public:
    static constexpr int MaxEntries = 8;

    static QStringList list();
    static void add(const QString &location);
    static void remove(const QString &location);
    static void clear();
};
