#include "ui/import/ImportChoosePage.h"

#include "models/ImportText.h"
#include "ui/common/FieldNote.h"
#include "ui/common/FileDialog.h"
#include "ui/import/ImportWizard.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace {

const QString KindKey = QStringLiteral("importWizard/kind");
const QString FileKey = QStringLiteral("importWizard/file");

} // namespace

ImportChoosePage::ImportChoosePage(QWidget *parent)
    : QWizardPage(parent),
      m_kinds(new QButtonGroup(this)),
      m_explanation(new QLabel(this)),
      m_columns(new QLabel(this)),
      m_fileLabel(new QLabel(tr("&File:"), this)),
      m_file(new QLineEdit(this)),
      m_browse(new QPushButton(tr("B&rowse…"), this)),
      m_fileNote(new FieldNote(this))
{
    setTitle(tr("What to Import"));
    setSubTitle(tr("Choose the kind of import and its file. Nothing is changed until you confirm, "
                   "after a check of every row."));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    const struct
    {
        ImportKind kind;
        QString text;
        QString name;
    } kinds[] = {
        {ImportKind::Legacy, tr("&Legacy totals from a file"), QStringLiteral("legacyKind")},
        {ImportKind::Profiles, tr("Legacy totals from &UserProfile (no file)"), QStringLiteral("profilesKind")},
        {ImportKind::Adjust, tr("Bulk a&djustments from a file"), QStringLiteral("adjustKind")},
    };
    for (const auto &kind : kinds) {
        auto *button = new QRadioButton(kind.text, this);
        button->setObjectName(kind.name);
        m_kinds->addButton(button, static_cast<int>(kind.kind));
        layout->addWidget(button);
    }
    m_explanation->setObjectName(QStringLiteral("kindExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    layout->addSpacing(4);
    layout->addWidget(m_explanation);

    auto *fileRow = new QGridLayout;
    fileRow->setHorizontalSpacing(8);
    m_fileLabel->setBuddy(m_file);
    m_file->setObjectName(QStringLiteral("fileEdit"));
    m_file->setPlaceholderText(tr("The CSV file to import"));
    m_file->setClearButtonEnabled(true);
    m_browse->setObjectName(QStringLiteral("browseButton"));
    m_browse->setAutoDefault(false); // Return stays the wizard's Next
    m_fileNote->setObjectName(QStringLiteral("fileNote"));
    fileRow->addWidget(m_fileLabel, 0, 0);
    fileRow->addWidget(m_file, 0, 1);
    fileRow->addWidget(m_browse, 0, 2);
    fileRow->addWidget(m_fileNote, 1, 1, 1, 2);
    fileRow->setColumnStretch(1, 1);
    layout->addSpacing(8);
    layout->addLayout(fileRow);

    m_columns->setObjectName(QStringLiteral("expectedColumns"));
    m_columns->setWordWrap(true);
    m_columns->setTextFormat(Qt::RichText);
    layout->addSpacing(8);
    layout->addWidget(m_columns);
    layout->addStretch(1);

    const QSettings settings;
    const int savedKind = settings.value(KindKey, static_cast<int>(ImportKind::Legacy)).toInt();
    setKind(m_kinds->button(savedKind) ? static_cast<ImportKind>(savedKind) : ImportKind::Legacy);
    m_file->setText(settings.value(FileKey).toString());

    connect(m_kinds, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            refresh();
    });
    connect(m_file, &QLineEdit::textChanged, this, &ImportChoosePage::refresh);
    connect(m_browse, &QPushButton::clicked, this, &ImportChoosePage::browse);
    refresh();
}

ImportKind ImportChoosePage::kind() const
{
    return static_cast<ImportKind>(m_kinds->checkedId());
}

void ImportChoosePage::setKind(ImportKind kind)
{
    if (QAbstractButton *button = m_kinds->button(static_cast<int>(kind)))
        button->setChecked(true);
}

QString ImportChoosePage::filePath() const
{
    return m_file->text().trimmed();
}

void ImportChoosePage::setFilePath(const QString &path)
{
    m_file->setText(path);
}

QString ImportChoosePage::fileProblem() const
{
    if (kind() == ImportKind::Profiles)
        return {};
    const QString path = filePath();
    if (path.isEmpty())
        return tr("Choose a CSV file.");
    const QFileInfo info(path);
    if (!info.exists())
        return tr("There is no such file.");
    if (info.isDir())
        return tr("This is a folder; choose a CSV file in it.");
    if (!info.isReadable())
        return tr("This file cannot be read (permissions).");
    return {};
}

bool ImportChoosePage::isComplete() const
{
    return fileProblem().isEmpty();
}

bool ImportChoosePage::validatePage()
{
    QSettings settings;
    settings.setValue(KindKey, static_cast<int>(kind()));
    if (kind() != ImportKind::Profiles)
        settings.setValue(FileKey, QFileInfo(filePath()).absoluteFilePath());
    // Every Next from here checks again: the file may have been fixed meanwhile.
    if (auto *importWizard = qobject_cast<ImportWizard *>(wizard()))
        importWizard->startDryRun();
    return true;
}

int ImportChoosePage::nextId() const
{
    // Without a file there is nothing to preview.
    return kind() == ImportKind::Profiles ? ImportWizard::SummaryPage : ImportWizard::PreviewPage;
}

void ImportChoosePage::browse()
{
    const QString file = FileDialog::getOpenFileName(this, tr("Import File"), tr("CSV files (*.csv);;All files (*)"),
                                                     QStringLiteral("import"));
    if (!file.isEmpty())
        m_file->setText(QDir::toNativeSeparators(file));
    m_file->setFocus();
}

void ImportChoosePage::refresh()
{
    const bool needsFile = kind() != ImportKind::Profiles;
    m_explanation->setText(ImportText::kindExplanation(kind()));
    m_columns->setText(ImportText::columnsHtml(kind()));
    m_fileLabel->setEnabled(needsFile);
    m_file->setEnabled(needsFile);
    m_browse->setEnabled(needsFile);
    const QString problem = fileProblem();
    if (!needsFile)
        m_fileNote->setHint(QString());
    else if (!problem.isEmpty() && !filePath().isEmpty())
        m_fileNote->setError(problem);
    else {
        m_fileNote->setError(QString());
        const QFileInfo info(filePath());
        m_fileNote->setHint(problem.isEmpty() ? tr("%1, last changed %2")
                                                    .arg(ImportText::bytes(info.size()),
                                                         QLocale().toString(info.lastModified(), QLocale::ShortFormat))
                                              : tr("Browse… opens a file chooser; you can also type or paste a path."));
    }
    emit completeChanged();
}
