#include "tests/hostile/HostileFixture.h"
#include "tests/hostile/HostileStrings.h"

#include "core/domain/Validation.h"
#include "core/ledger/Ledger.h"
#include "core/users/Users.h"

#include <QFile>
#include <QTest>

const QString HostileFixture::BaseUser = QStringLiteral("u-base");

void HostileFixture::generateStrings()
{
    m_strings = HostileStrings::generate(StringCount);
}

void HostileFixture::openDatabase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(BaseUser, QStringLiteral("base@example.org"), QStringLiteral("Base")));
    AwardRequest request;
    request.userId = BaseUser;
    request.amount = 100;
    request.sourceId = QStringLiteral("seed");
    request.description = QStringLiteral("seed");
    QVERIFY(Ledger(*m_db).award(request));
    m_state = snapshot();
}

HostileFixture::Snapshot HostileFixture::snapshot()
{
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    auto rows = m_db->run(
        QStringLiteral("SELECT (SELECT count(*) FROM \"User\"), (SELECT count(*) FROM \"UserXP\"), "
                       "(SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\"), (SELECT count(*) FROM \"UserProfile\"), "
                       "(SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\"), (SELECT count(*) FROM %1), "
                       "(SELECT hash FROM %1 ORDER BY seq DESC LIMIT 1)")
            .arg(audit));
    Snapshot s;
    if (!rows || !rows->next()) {
        qWarning("snapshot failed: %s", rows ? "no row" : qPrintable(why(rows)));
        s.events = -1;
        return s;
    }
    s.users = rows->integer(0);
    s.rows = rows->integer(1);
    s.amountSum = rows->integer(2);
    s.profiles = rows->integer(3);
    s.totalSum = rows->integer(4);
    s.events = rows->integer(5);
    s.newestHash = rows->text(6);
    return s;
}

QString HostileFixture::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

bool HostileFixture::storableText(const QString &text, int limit, bool required)
{
    if (required && text.trimmed().isEmpty())
        return false;
    // SQLite drops a leading U+FEFF of bound text as a byte order mark, and reads U+FFFE and U+FFFF
    // back as U+FFFD: refused on both backends.
    return text.size() <= limit && !text.contains(QChar(0)) && text.isValidUtf16() && !text.startsWith(QChar(0xFEFF))
        && !text.contains(QChar(0xFFFE)) && !text.contains(QChar(0xFFFF));
}

bool HostileFixture::storableEmail(const QString &text)
{
    if (!storableText(text, Validation::MaxEmailLength, true))
        return false;
    const qsizetype at = text.indexOf(QLatin1Char('@'));
    bool blank = false;
    for (const QChar c : text)
        blank = blank || c.isSpace();
    return at > 0 && at == text.lastIndexOf(QLatin1Char('@')) && at < text.size() - 1 && !blank;
}

bool HostileFixture::looksBinary(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r' && u != u'\v' && u != u'\f') || u == 0x7F)
            return true;
    }
    return false;
}

QString HostileFixture::inFile(const QString &text)
{
    QString value = QString::fromUtf8(text.toUtf8());
    value.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return value;
}

QString HostileFixture::shown(const QString &text)
{
    return Validation::quoted(text);
}

QByteArray HostileFixture::csvCell(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}
