#include "core/domain/Sha256.h"

#include <QIODevice>

#include <openssl/evp.h>

#include <memory>

namespace {

struct ContextFree
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};

const EVP_MD *algorithm()
{
    static EVP_MD *const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return sha256;
}

// One context a thread: the audit chain is hashed on several (Verifier, imports).
EVP_MD_CTX *startedContext()
{
    thread_local const std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
    if (!algorithm() || !context || !EVP_DigestInit_ex(context.get(), algorithm(), nullptr))
        qFatal("SHA-256 is not available from libcrypto");
    return context.get();
}

QString finish(EVP_MD_CTX *context)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!EVP_DigestFinal_ex(context, digest, &size))
        qFatal("SHA-256 is not available from libcrypto");
    return QString::fromLatin1(QByteArray::fromRawData(reinterpret_cast<const char *>(digest), size).toHex());
}

void update(EVP_MD_CTX *context, const void *data, std::size_t size)
{
    if (!EVP_DigestUpdate(context, data, size))
        qFatal("SHA-256 is not available from libcrypto");
}

} // namespace

namespace Sha256 {

QString hex(std::initializer_list<QByteArrayView> parts)
{
    EVP_MD_CTX *context = startedContext();
    for (const QByteArrayView part : parts)
        update(context, part.data(), std::size_t(part.size()));
    return finish(context);
}

std::optional<QString> hex(QIODevice &device)
{
    EVP_MD_CTX *context = startedContext();
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 read = device.read(buffer.data(), buffer.size());
        if (read < 0) {
            finish(context); // leaves the context ready for the next hash
            return std::nullopt;
        }
        if (read == 0)
            break;
        update(context, buffer.constData(), std::size_t(read));
    }
    return finish(context);
}

} // namespace Sha256
