#include "ui/main/RoleIndicator.h"

#include "core/roles/RoleDetector.h"
#include "core/roles/RoleJobs.h"
#include "core/roles/RoleSetting.h"
#include "core/session/LedgerSession.h"

#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QMenu>

namespace {

// Where an action keeps the tooltip and status tip it had before a refusal replaced them.
const char *const OwnTipProperty = "xpadminOwnToolTip";
const char *const OwnStatusTipProperty = "xpadminOwnStatusTip";
const char *const RefusedProperty = "xpadminRefused";

} // namespace

RoleIndicator::RoleIndicator(QWidget *parent) : QObject(parent), m_label(new QLabel(parent))
{
    m_label->setObjectName(QStringLiteral("roleLabel"));
    show();
}

QMenu *RoleIndicator::createSqliteRoleMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("Role on &SQLite Files"), parent);
    menu->setToolTipsVisible(true);
    auto *group = new QActionGroup(menu);
    const Role chosen = RoleSetting::sqliteRole().value_or(Role::Unrestricted);
    for (const Role role : {Role::Unrestricted, Role::Admin, Role::Support, Role::Auditor}) {
        QAction *action = menu->addAction(Roles::label(role));
        action->setObjectName(QStringLiteral("sqliteRole_") + Roles::key(role));
        action->setCheckable(true);
        action->setChecked(role == chosen);
        action->setToolTip(tr("Advisory: an SQLite file has no logins, so anyone who can open it can choose any "
                              "role. PostgreSQL databases enforce the role of your login."));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, role] {
            RoleSetting::setSqliteRole(role);
            if (m_session && m_session->spec().backend == ConnectionSpec::Backend::Sqlite)
                setSession(m_session);
        });
    }
    return menu;
}

void RoleIndicator::setSession(LedgerSession *session)
{
    const int generation = ++m_generation;
    m_session = session;
    m_role.reset();
    show();
    emit roleChanged();
    if (!session)
        return;
    if (session->spec().backend == ConnectionSpec::Backend::Sqlite) {
        // From the settings and the file's permissions alone: known at once, so nothing waits for it.
        m_role = RoleDetector::sqliteFile(session->spec().path, session->actor());
        show();
        emit roleChanged();
        return;
    }
    session->interactive()->post<ConnectedRole>(
        this, RoleJobs::detect(), [this, generation](const Result<ConnectedRole> &role) {
            if (generation != m_generation)
                return;
            QString problem;
            if (role) {
                m_role = *role;
            } else {
                // Not knowing the role is no reason to stop anyone: the database still decides.
                m_role = ConnectedRole{};
                m_role->login = m_session ? m_session->actor() : QString();
                problem = role.error().message;
            }
            show();
            if (!problem.isEmpty())
                m_label->setToolTip(tr("Your role could not be read: %1").arg(problem));
            emit roleChanged();
        });
}

bool RoleIndicator::allows(Action action) const
{
    if (!m_session)
        return true;
    if (m_session->isReadOnly() && action != Action::Read)
        return false;
    return m_role && m_role->may(action);
}

QString RoleIndicator::refusal(Action action) const
{
    if (allows(action))
        return {};
    // A read-only ledger refuses every change, whatever the role.
    if (m_session->isReadOnly())
        return tr("The ledger is read-only here: %1").arg(m_session->readOnlyReason());
    // Until the role is known (a moment after opening), nothing that changes the ledger starts.
    return m_role ? m_role->refusal(action) : tr("Reading what your role may do…");
}

void RoleIndicator::restrict(std::initializer_list<std::pair<QAction *, Action>> actions) const
{
    for (const auto &[action, what] : actions) {
        const bool refused = action->property(RefusedProperty).toBool();
        if (allows(what)) {
            if (refused) {
                action->setToolTip(action->property(OwnTipProperty).toString());
                action->setStatusTip(action->property(OwnStatusTipProperty).toString());
                action->setProperty(RefusedProperty, false);
            }
            continue;
        }
        if (!refused) {
            action->setProperty(OwnTipProperty, action->toolTip());
            action->setProperty(OwnStatusTipProperty, action->statusTip());
            action->setProperty(RefusedProperty, true);
        }
        const QString why = refusal(what);
        action->setEnabled(false);
        action->setToolTip(why);
        action->setStatusTip(why);
    }
}

void RoleIndicator::show()
{
    if (!m_session) {
        m_label->clear();
        m_label->setToolTip(QString());
        return;
    }
    if (!m_role) {
        m_label->setText(tr("Role: …"));
        return;
    }
    m_label->setText(tr("Role: %1").arg(m_role->label()));
    QStringList may;
    for (const Action action : Permissions::allActions()) {
        if (m_role->may(action))
            may << Permissions::phrase(action);
    }
    QString allowed = may.isEmpty() ? tr("May do nothing here.") : tr("May %1.").arg(may.join(QStringLiteral(", ")));
    if (const QStringList lacking = m_role->lacking(); !lacking.isEmpty())
        allowed += QLatin1Char('\n') + tr("Lacks %1.").arg(lacking.join(QStringLiteral(", ")));
    if (m_role->advisory)
        m_label->setToolTip(tr("Advisory: chosen in View > Role on SQLite Files and not enforced; anyone who can "
                               "open the file can change it.\n%1")
                                .arg(allowed));
    else if (!m_role->rolesInstalled)
        m_label->setToolTip(tr("XP Admin's roles are not installed on this database (xpadmin-cli roles install): "
                               "the database's own grants decide.\n%1")
                                .arg(allowed));
    else
        m_label->setToolTip(tr("Enforced by PostgreSQL.\n%1").arg(allowed));
}
