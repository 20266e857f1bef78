#pragma once

#include <QCoreApplication>
#include <QStringList>

class CliContext;

// Reports an auditor files: report controls (core/controls).
class ReportCommands final
{
    Q_DECLARE_TR_FUNCTIONS(ReportCommands)

public:
    explicit ReportCommands(CliContext &context) : m_context(context) { }

    int run(const QStringList &arguments);

private:
    int controls(const QStringList &arguments);

    CliContext &m_context;
};
