#include "core/users/Users.h"

#include "core/audit/AuditLog.h"
#include "core/db/Database.h"
#include "core/domain/Cuid.h"
#include "core/domain/Validation.h"
#include "core/users/UserQuery.h"

#include <QJsonDocument>
#include <QJsonObject>

Result<UserRow> Users::add(const QString &id, const QString &email, const QString &name)
{
    if (const Status s = Validation::requiredText(tr("id"), id, Validation::MaxIdLength); !s)
        return s.error();
    if (const Status s = Validation::email(tr("email"), email); !s)
        return s.error();
    if (const Status s = Validation::optionalText(tr("name"), name, Validation::MaxNameLength); !s)
        return s.error();

    UserRow user{id, email, name, 0, 0, 0, QDateTime()};
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

Result<std::optional<UserRow>> Users::find(const QString &id)
{
    auto rows = UserQuery(m_db).rows({id});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<UserRow>();
    return std::optional<UserRow>(rows->constFirst());
}
