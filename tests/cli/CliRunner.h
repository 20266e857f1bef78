#pragma once

#include <QJsonDocument>
#include <QString>
#include <QStringList>

// Runs the built xpadmin-cli as a user would, against one database, and keeps what it printed.
class CliRunner final
{
public:
    struct Run
    {
        int exitCode = -1;
        bool crashed = false;
        QString out;
        QString err;

        QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
        // For failure messages: the exit status and both streams.
        QString describe() const;
    };

    explicit CliRunner(QString database = {}) : m_database(std::move(database)) { }
    void setDatabase(const QString &database) { m_database = database; }
    const QString &database() const { return m_database; }

    // `xpadmin-cli --db DATABASE <arguments>`.
    Run operator()(const QStringList &arguments) const;
    // `xpadmin-cli <arguments>`, without --db.
    static Run raw(const QStringList &arguments);
    static QString program();

private:
    QString m_database;
};
