#pragma once

#include <QStringList>

// PostgreSQL: the grants of XP Admin's own tables that later schema versions added, to the group
// roles `roles install` creates (core/roles). One place for both who needs them: RoleInstaller
// gives them all, and the migration that creates a table gives its grants at once, so that a
// desk whose roles were installed before an upgrade can use the new tables without installing the
// roles again. Each is a DO block that grants only when its table is there and the roles were
// installed on this database (the auditor reads its audit log): roles are the cluster's, and
// another database's installation grants nothing here.
namespace OwnTableGrants {

// The blocks for the tables of schema versions after `afterVersion` (0: all of them).
QStringList statements(int afterVersion = 0);

} // namespace OwnTableGrants
