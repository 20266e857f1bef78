#include "ui/help/AboutDialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QUrl>
#include <QVBoxLayout>

namespace {

const QString ManualLink = QStringLiteral("xpadmin:manual");

} // namespace

QString AboutDialog::licenceText()
{
    QFile file(QStringLiteral(":/legal/LICENSE"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString AboutDialog::licenceName()
{
    return licenceText().section(QLatin1Char('\n'), 0, 0).trimmed();
}

QString AboutDialog::homepage()
{
    return QStringLiteral(XPADMIN_HOMEPAGE);
}

AboutDialog::AboutDialog(const QString &database, QWidget *parent)
    : QDialog(parent), m_links(new QLabel(this)), m_licence(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About XP Admin"));

    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("aboutIcon"));
    icon->setPixmap(QIcon(QStringLiteral(":/icons/xpadmin.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    auto *title = new QLabel(tr("<h2>XP Admin %1</h2>").arg(QStringLiteral(XPADMIN_VERSION)), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    auto *summary = new QLabel(
        tr("Administration of the XP ledger: award, adjust, roll back and audit experience points."), this);
    summary->setWordWrap(true);
    const QString copyright = licenceText().section(QLatin1Char('\n'), 2, 2).trimmed();
    auto *details = new QLabel(
        tr("Qt %1\nDatabase: %2\n%3")
            .arg(QString::fromLatin1(qVersion()), database.isEmpty() ? tr("none open") : database, copyright),
        this);
    details->setObjectName(QStringLiteral("aboutDetails"));
    details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details->setWordWrap(true);

    m_links->setObjectName(QStringLiteral("aboutLinks"));
    m_links->setText(tr("<a href=\"%1\">Project homepage</a> · <a href=\"%2\">Report a problem</a> · "
                        "<a href=\"%3\">User manual</a>")
                         .arg(homepage(), homepage() + QStringLiteral("/issues"), ManualLink));
    m_links->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_links, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == ManualLink)
            emit manualRequested();
        else
            QDesktopServices::openUrl(QUrl(link));
    });

    auto *licenceBox = new QGroupBox(tr("Licence: %1").arg(licenceName()), this);
    licenceBox->setObjectName(QStringLiteral("aboutLicence"));
    m_licence->setObjectName(QStringLiteral("aboutLicenceText"));
    m_licence->setReadOnly(true);
    m_licence->setPlainText(licenceText());
    m_licence->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_licence->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *licenceLayout = new QVBoxLayout(licenceBox);
    licenceLayout->addWidget(m_licence);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(summary);
    text->addWidget(details);
    text->addWidget(m_links);
    text->addStretch();
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(licenceBox, 1);
    layout->addWidget(buttons);
    resize(640, 560);
}
