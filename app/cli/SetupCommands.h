#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// Setting up and checking a database: init (create or migrate) and doctor (inspect only).
class SetupCommands final
{
    Q_DECLARE_TR_FUNCTIONS(SetupCommands)

public:
    explicit SetupCommands(CliContext &context) : m_context(context) { }

    int init(const QStringList &arguments);
    int doctor(const QStringList &arguments);

private:
    CliContext &m_context;
};
