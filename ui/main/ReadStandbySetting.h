#pragma once

#include <QString>

// The reading standby chosen for a database in the connection dialog, kept in the settings by
// the database's location (as the recent-databases list names it), without any password.
class ReadStandbySetting final
{
public:
    // The standby's URL for the database at location; empty: none.
    static QString forDatabase(const QString &location);
    // Keeps url (its password dropped) for location; an empty url forgets it.
    static void set(const QString &location, const QString &url);
};
