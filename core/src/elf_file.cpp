#include "gloss/core/elf_file.hpp"

#include <cstddef>
#include <cstring>
#include <elf.h>
#include <gloss/plugin.h>
#include <optional>

namespace gloss::core {

namespace {

#if defined(__x86_64__)
constexpr uint16_t kMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr uint16_t kMachine = EM_AARCH64;
#else
#error "add this machine's ELF e_machine"
#endif

// Bounds-checked views into the file's bytes: a damaged file gives a reason,
// never a read past the end.
class Image {
  public:
    explicit Image(std::string_view bytes) : bytes_(bytes) {}

    template <typename T>
    std::optional<T> at(uint64_t offset) const {
        if (offset > bytes_.size() || bytes_.size() - offset < sizeof(T)) return std::nullopt;
        T value;
        std::memcpy(&value, bytes_.data() + offset, sizeof(T));
        return value;
    }

    std::optional<std::string_view> stringAt(uint64_t offset) const {
        if (offset >= bytes_.size()) return std::nullopt;
        const char* start = bytes_.data() + offset;
        const void* nul = std::memchr(start, '\0', bytes_.size() - offset);
        if (!nul) return std::nullopt;
        return std::string_view(start, static_cast<size_t>(static_cast<const char*>(nul) - start));
    }

    size_t size() const { return bytes_.size(); }

  private:
    std::string_view bytes_;
};

// The ELF header, if the file is a shared library Gloss can read.
std::optional<Elf64_Ehdr> sharedLibraryHeader(const Image& image) {
    const auto header = image.at<Elf64_Ehdr>(0);
    if (!header || std::memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 ||
        header->e_ident[EI_CLASS] != ELFCLASS64 || header->e_ident[EI_DATA] != ELFDATA2LSB ||
        header->e_type != ET_DYN || header->e_machine != kMachine ||
        header->e_shentsize != sizeof(Elf64_Shdr))
        return std::nullopt;
    return header;
}

// The exported symbol `name` of the file's dynamic symbol table, defined in
// the file; a reason when the table is damaged, std::monostate when absent.
std::variant<std::monostate, Elf64_Sym, std::string> findSymbol(const Image& image, const Elf64_Ehdr& header,
                                                                std::string_view name) {
    auto section = [&](uint64_t index) {
        return image.at<Elf64_Shdr>(header.e_shoff + index * sizeof(Elf64_Shdr));
    };
    for (uint64_t i = 0; i < header.e_shnum; ++i) {
        const auto symbols = section(i);
        if (!symbols) return std::string("damaged ELF section table");
        if (symbols->sh_type != SHT_DYNSYM || symbols->sh_entsize != sizeof(Elf64_Sym)) continue;
        const auto strings = section(symbols->sh_link);
        if (!strings) return std::string("damaged ELF symbol table");
        for (uint64_t k = 0; k < symbols->sh_size / sizeof(Elf64_Sym); ++k) {
            const auto entry = image.at<Elf64_Sym>(symbols->sh_offset + k * sizeof(Elf64_Sym));
            if (!entry) return std::string("damaged ELF symbol table");
            if (entry->st_shndx == SHN_UNDEF || entry->st_shndx >= header.e_shnum) continue;
            const auto text = image.stringAt(strings->sh_offset + entry->st_name);
            if (text && *text == name) return *entry;
        }
    }
    return std::monostate{};
}

// The file offset of the loaded address `address`, from the section holding it.
std::optional<uint64_t> fileOffsetOf(const Image& image, const Elf64_Ehdr& header, uint64_t address) {
    for (uint64_t i = 0; i < header.e_shnum; ++i) {
        const auto home = image.at<Elf64_Shdr>(header.e_shoff + i * sizeof(Elf64_Shdr));
        if (!home || home->sh_type == SHT_NOBITS || home->sh_addr == 0) continue;
        if (address >= home->sh_addr && address - home->sh_addr < home->sh_size)
            return home->sh_offset + (address - home->sh_addr);
    }
    return std::nullopt;
}

#if defined(__x86_64__)
constexpr uint32_t kRelative = R_X86_64_RELATIVE, kAbsolute = R_X86_64_64, kGlobalData = R_X86_64_GLOB_DAT;
#else
constexpr uint32_t kRelative = R_AARCH64_RELATIVE, kAbsolute = R_AARCH64_ABS64,
                   kGlobalData = R_AARCH64_GLOB_DAT;
#endif

// What the loader stores at `address`: the target of a pointer in the
// file's data, from its relocations (0 for a symbol defined elsewhere).
// nullopt when no relocation writes there: a null pointer.
std::optional<uint64_t> pointerAt(const Image& image, const Elf64_Ehdr& header, uint64_t address) {
    for (uint64_t i = 0; i < header.e_shnum; ++i) {
        const auto table = image.at<Elf64_Shdr>(header.e_shoff + i * sizeof(Elf64_Shdr));
        if (!table || table->sh_type != SHT_RELA || table->sh_entsize != sizeof(Elf64_Rela)) continue;
        const auto symbols = image.at<Elf64_Shdr>(header.e_shoff + table->sh_link * sizeof(Elf64_Shdr));
        for (uint64_t k = 0; k < table->sh_size / sizeof(Elf64_Rela); ++k) {
            const auto entry = image.at<Elf64_Rela>(table->sh_offset + k * sizeof(Elf64_Rela));
            if (!entry || entry->r_offset != address) continue;
            const uint32_t type = ELF64_R_TYPE(entry->r_info);
            if (type == kRelative) return static_cast<uint64_t>(entry->r_addend);
            if ((type != kAbsolute && type != kGlobalData) || !symbols) continue;
            const auto symbol =
                image.at<Elf64_Sym>(symbols->sh_offset + ELF64_R_SYM(entry->r_info) * sizeof(Elf64_Sym));
            if (!symbol) continue;
            return symbol->st_shndx == SHN_UNDEF ? 0
                                                 : symbol->st_value + static_cast<uint64_t>(entry->r_addend);
        }
    }
    return std::nullopt;
}

} // namespace

std::variant<std::monostate, ElfPluginDescriptor, std::string>
readElfPluginDescriptor(std::string_view bytes) {
    const Image image(bytes);
    const auto header = sharedLibraryHeader(image);
    if (!header) return std::string("not a readable ELF shared library");
    const auto found = findSymbol(image, *header, GLOSS_PLUGIN_DESCRIPTOR_SYMBOL);
    if (const auto* why = std::get_if<std::string>(&found)) return *why;
    if (std::holds_alternative<std::monostate>(found)) return std::monostate{};
    const Elf64_Sym& symbol = std::get<Elf64_Sym>(found);
    const auto info = pointerAt(image, *header, symbol.st_value);
    const auto infoOffset = info ? fileOffsetOf(image, *header, *info) : std::nullopt;
    const auto structSize = infoOffset ? image.at<uint32_t>(*infoOffset) : std::nullopt;
    if (!structSize)
        return std::string(GLOSS_PLUGIN_DESCRIPTOR_SYMBOL " does not point to a descriptor in the file");
    ElfPluginDescriptor descriptor;
    descriptor.structSize = *structSize;
    const auto text = [&](size_t field) -> std::optional<std::string> {
        const auto target = pointerAt(image, *header, *info + field);
        const auto offset = target ? fileOffsetOf(image, *header, *target) : std::nullopt;
        const auto value = offset ? image.stringAt(*offset) : std::nullopt;
        return value ? std::optional<std::string>(*value) : std::nullopt;
    };
    descriptor.id = text(offsetof(gloss_plugin_info, id));
    descriptor.name = text(offsetof(gloss_plugin_info, name));
    descriptor.hasInit = pointerAt(image, *header, *info + offsetof(gloss_plugin_info, init)).has_value();
    return descriptor;
}

ElfDependencies readElfDependencies(std::string_view bytes) {
    ElfDependencies dependencies;
    const Image image(bytes);
    const auto header = sharedLibraryHeader(image);
    if (!header) return dependencies;
    auto section = [&](uint64_t index) {
        return image.at<Elf64_Shdr>(header->e_shoff + index * sizeof(Elf64_Shdr));
    };
    for (uint64_t i = 0; i < header->e_shnum; ++i) {
        const auto dynamic = section(i);
        if (!dynamic || dynamic->sh_type != SHT_DYNAMIC) continue;
        const auto strings = section(dynamic->sh_link);
        if (!strings) return dependencies;
        for (uint64_t k = 0; k < dynamic->sh_size / sizeof(Elf64_Dyn); ++k) {
            const auto entry = image.at<Elf64_Dyn>(dynamic->sh_offset + k * sizeof(Elf64_Dyn));
            if (!entry || entry->d_tag == DT_NULL) break;
            if (entry->d_tag != DT_NEEDED && entry->d_tag != DT_RUNPATH && entry->d_tag != DT_RPATH) continue;
            const auto text = image.stringAt(strings->sh_offset + entry->d_un.d_val);
            if (!text) continue;
            if (entry->d_tag == DT_NEEDED) {
                dependencies.needed.emplace_back(*text);
                continue;
            }
            for (std::string_view rest = *text; !rest.empty();) {
                const size_t colon = rest.find(':');
                dependencies.searchPath.emplace_back(rest.substr(0, colon));
                if (colon == std::string_view::npos) break;
                rest.remove_prefix(colon + 1);
            }
        }
    }
    return dependencies;
}

std::variant<uint32_t, std::string> readElfDataWord(std::string_view bytes, const std::string& symbol) {
    if (bytes.size() < EI_NIDENT || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0)
        return std::string("not an ELF shared library");
    const Image image(bytes);
    const auto header = image.at<Elf64_Ehdr>(0);
    if (!header || header->e_ident[EI_CLASS] != ELFCLASS64 || header->e_ident[EI_DATA] != ELFDATA2LSB)
        return std::string("not a 64-bit little-endian ELF file");
    if (header->e_type != ET_DYN)
        return std::string("not a shared library (ELF type " + std::to_string(header->e_type) + ")");
    if (header->e_machine != kMachine)
        return std::string("built for another machine (ELF machine " + std::to_string(header->e_machine) +
                           ")");
    if (header->e_shentsize != sizeof(Elf64_Shdr)) return std::string("damaged ELF section table");

    const auto found = findSymbol(image, *header, symbol);
    if (const auto* why = std::get_if<std::string>(&found)) return *why;
    if (const auto* entry = std::get_if<Elf64_Sym>(&found)) {
        // The symbol's address lies in its section; map it to a file offset.
        const auto home = image.at<Elf64_Shdr>(header->e_shoff + entry->st_shndx * sizeof(Elf64_Shdr));
        if (!home || home->sh_type == SHT_NOBITS || entry->st_value < home->sh_addr || entry->st_size != 4)
            return std::string("symbol " + symbol + " is not a 4-byte constant");
        const auto value = image.at<uint32_t>(home->sh_offset + (entry->st_value - home->sh_addr));
        if (!value) return std::string("damaged ELF file");
        return *value;
    }
    return std::string("no " + symbol + " symbol: not a Gloss plugin");
}

} // namespace gloss::core
