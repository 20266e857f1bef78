#include "app/cli/CliOutput.h"

#include "app/cli/ExitCode.h"
#include "app/cli/TerminalText.h"

#include <QJsonDocument>

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace {

// The one way out: whatever a command prints, nothing in it acts on the terminal.
void writeTo(FILE *stream, const QString &text)
{
    const QByteArray bytes = TerminalText::visible(text).toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
}

bool isTerminal(FILE *stream)
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stream)) != 0;
#else
    return isatty(fileno(stream)) != 0;
#endif
}

} // namespace

QString CliOutput::oneLine(const QString &text)
{
    QStringList parts = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QString &part : parts)
        part = part.trimmed();
    parts.removeAll(QString());
    return parts.join(QLatin1Char(' '));
}

CliOutput::~CliOutput()
{
    endProgress();
    std::fflush(stdout);
}

void CliOutput::print(const QString &line)
{
    writeTo(stdout, line + QLatin1Char('\n'));
}

void CliOutput::write(const QString &text)
{
    writeTo(stdout, text);
}

void CliOutput::printJson(const QJsonObject &object)
{
    // QJsonDocument writes qint64 values exactly (Qt 6 keeps them as integers), so totals past
    // 2^53 need no hand-written numbers.
    writeTo(stdout, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

void CliOutput::printJson(const QJsonArray &array)
{
    writeTo(stdout, QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
}

void CliOutput::note(const QString &line)
{
    endProgress();
    std::fflush(stdout);
    writeTo(stderr, line + QLatin1Char('\n'));
}

void CliOutput::errorLine(const QString &message)
{
    endProgress();
    std::fflush(stdout);
    writeTo(stderr, QStringLiteral("xpadmin-cli: ") + oneLine(message) + QLatin1Char('\n'));
    std::fflush(stderr);
}

int CliOutput::fail(const Error &error)
{
    errorLine(error.message);
    return ExitCode::of(error.kind);
}

int CliOutput::usage(const QString &reason)
{
    errorLine(reason);
    return ExitCode::Usage;
}

bool CliOutput::showsProgress() const
{
    return isTerminal(stderr);
}

void CliOutput::progress(const QString &text)
{
    if (!showsProgress())
        return;
    // Pad over the rest of a longer previous line, as wide as it was shown.
    const QString shown = TerminalText::visible(text);
    const QString padded = shown.leftJustified(m_progressWidth);
    m_progressWidth = static_cast<int>(shown.size());
    std::fputc('\r', stderr);
    writeTo(stderr, padded);
    std::fflush(stderr);
    m_progressShown = true;
}

void CliOutput::endProgress()
{
    if (!m_progressShown)
        return;
    writeTo(stderr, QStringLiteral("\n"));
    std::fflush(stderr);
    m_progressShown = false;
    m_progressWidth = 0;
}
