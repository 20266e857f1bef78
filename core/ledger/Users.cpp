#include "Users.h"

#include "audit/AuditLog.h"
#include "db/Database.h"
#include "domain/Cuid.h"
#include "domain/Validation.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Users", text);
}

} // namespace

Result<UserRecord> Users::add(const QString &id, const QString &email, const QString &name)
{
    if (const Status s = Validation::requiredText(tr("id"), id, Validation::MaxIdLength); !s)
        return s.error();
    if (const Status s = Validation::email(tr("email"), email); !s)
        return s.error();
    if (const Status s = Validation::optionalText(tr("name"), name, Validation::MaxNameLength); !s)
        return s.error();

    UserRecord user{id, email, name, 0, 0, 0};
    const Status status = m_db.writeTransaction([&]() -> Status {
        {
            auto rows = m_db.run(
                QStringLiteral("SELECT \"id\", \"email\" FROM \"User\" WHERE \"id\" = :id OR \"email\" = :email"),
                {{QStringLiteral(":id"), id}, {QStringLiteral(":email"), email}});
            if (!rows)
                return rows.error();
            if (rows->next()) {
                return rows->text(0) == id
                    ? Error::input(tr("A user with id %1 already exists").arg(Validation::quoted(id)))
                    : Error::input(tr("The email %1 already belongs to user %2")
                                       .arg(Validation::quoted(email), Validation::quoted(rows->text(0))));
            }
        }
        auto inserted
            = m_db.run(QStringLiteral("INSERT INTO \"User\" (\"id\", \"email\", \"name\") VALUES (:id, :email, :name)"),
                       {{QStringLiteral(":id"), id},
                        {QStringLiteral(":email"), email},
                        {QStringLiteral(":name"), name.isEmpty() ? QVariant() : QVariant(name)}});
        if (!inserted)
            return inserted.error();
        AuditEvent event;
        event.action = QStringLiteral("user-add");
        event.operationId = Cuid::generate();
        event.userId = id;
        event.reason = tr("user added");
        event.snapshot = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                      {QStringLiteral("email"), email},
                                      {QStringLiteral("name"), name.isEmpty() ? QJsonValue() : QJsonValue(name)}})
                .toJson(QJsonDocument::Compact));
        return AuditLog(m_db).append({event});
    });
    if (!status)
        return status.error();
    return user;
}

Result<std::optional<UserRecord>> Users::find(const QString &id)
{
    auto rows = m_db.run(
        QStringLiteral("SELECT u.\"id\", u.\"email\", u.\"name\", COALESCE(p.\"totalXP\", 0), "
                       "(SELECT COALESCE(SUM(x.\"amount\"), 0) FROM \"UserXP\" x WHERE x.\"userId\" = u.\"id\"), "
                       "(SELECT count(*) FROM \"UserXP\" x WHERE x.\"userId\" = u.\"id\") "
                       "FROM \"User\" u LEFT JOIN \"UserProfile\" p ON p.\"userId\" = u.\"id\" WHERE u.\"id\" = :id"),
        {{QStringLiteral(":id"), id}});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<UserRecord>();
    return std::optional<UserRecord>(
        UserRecord{rows->text(0), rows->text(1), rows->text(2), rows->integer(3), rows->integer(4), rows->integer(5)});
}
